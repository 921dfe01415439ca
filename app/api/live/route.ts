import { checkLiveness } from "@/lib/lifecycle/server/health";
import { json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export function GET() {
  return json(checkLiveness());
}
