import { AppError } from "@/lib/shared/errors/app-error";
import { apiRoute, json } from "@/lib/server/http/route";
import { getAvailability } from "@/lib/scheduling/server/data";
import { availabilityQuerySchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ portId: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  const { portId } = await params;
  const url = new URL(request.url);
  const query = availabilityQuerySchema.safeParse({ from: url.searchParams.get("from"), to: url.searchParams.get("to") });
  if (!query.success) throw new AppError("invalid_range");
  return json(await getAvailability(portId, query.data.from, query.data.to, new Date()));
});
