import { PHOTO_LIMITS } from "@/lib/photos/server/process";
import { withBodyBudget } from "@/lib/server/http/memory-budget";
import { readPathParam } from "@/lib/server/http/path-param";
import { readPhotoBody } from "@/lib/server/http/photo-body";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { apiRoute, bearerSecret, json } from "@/lib/server/http/route";
import { replaceTravelerPhoto } from "@/lib/scheduling/server/replace-photo";
import { appointmentCodeSchema, travelerIndexSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string; index: string }> };

/** A new photo for one traveler: the body is the image itself, within a booking photo's size limit. */
export const PUT = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const { code, index } = await params;
  const appointmentCode = readPathParam(code, appointmentCodeSchema, "appointment_not_found");
  const position = readPathParam(index, travelerIndexSchema, "traveler_not_found");
  // Counted against the process's memory budget while held, as a booking's body is.
  return withBodyBudget(async (hold) => {
    const photo = await readPhotoBody(request, PHOTO_LIMITS.maxBytes, hold);
    return json({ appointment: await replaceTravelerPhoto(appointmentCode, bearerSecret(request), position, photo) });
  });
});
