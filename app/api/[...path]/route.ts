import { AppError } from "@/lib/shared/errors/app-error";
import { errorResponse } from "@/lib/server/http/error-response";

export const dynamic = "force-dynamic";

// Unknown API paths answer in the API's error shape, not with an HTML page.
function notFound(request: Request) {
  return errorResponse(new AppError("not_found"), request);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
