import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/shared/i18n/routing";

export default createMiddleware(routing);

// Never the API, Next's own files, or any dotted path (/sw.js, the manifest, icons): a service
// worker behind a locale redirect would never register.
export const config = { matcher: "/((?!api|_next|_vercel|.*\\..*).*)" };
