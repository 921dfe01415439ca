import "server-only";
import { acceptPhoto, PhotoRejected, type AcceptedPhoto } from "@/lib/photos/server/process";
import { AppError, validationFailed, type Issue } from "@/lib/shared/errors/app-error";
import { parseOrThrow } from "@/lib/shared/errors/zod-issues";
import { applicationSchema, type Application } from "@/lib/shared/schemas/application";
import { localDate } from "@/lib/shared/time/dates";

/** The application against the contract's schema, and no traveler born in the future. */
export function validateApplication(raw: unknown, now: Date): Application {
  const application = parseOrThrow(applicationSchema, raw);
  // "Today" on the applicant's side of the border is at most a day off any port's; UTC suffices.
  const today = localDate(now, "UTC");
  const future = application.travelers.flatMap((t, i): Issue[] =>
    t.dateOfBirth > today ? [{ path: `travelers.${i}.dateOfBirth`, key: "date_in_future" }] : [],
  );
  if (future.length > 0) throw validationFailed(future);
  return application;
}

/** One photo per traveler, `photo_missing` naming each traveler without one. */
export function requirePhotos(application: Application, photos: (Uint8Array | undefined)[]): void {
  const missing = application.travelers.flatMap((_, i): Issue[] => (photos[i] ? [] : [{ path: `photo.${i}`, key: "photo_missing" }]));
  if (missing.length > 0) throw new AppError("photo_missing", { issues: missing });
}

/** Every photo accepted, or `photo_invalid` naming each one refused and why. */
export async function acceptPhotos(photos: Uint8Array[]): Promise<AcceptedPhoto[]> {
  const results = await Promise.allSettled(photos.map((photo) => acceptPhoto(photo)));
  const issues: Issue[] = results.flatMap((result, i): Issue[] => (result.status === "fulfilled" ? [] : [photoIssue(result.reason, i)]));
  if (issues.length > 0) throw new AppError("photo_invalid", { issues });
  return results.map((result) => (result as PromiseFulfilledResult<AcceptedPhoto>).value);
}

/** A new photo for the traveler at `index` accepted, or `photo_invalid` naming it (`photo.<index>`) and why. */
export async function acceptTravelerPhoto(photo: Uint8Array, index: number): Promise<AcceptedPhoto> {
  try {
    return await acceptPhoto(photo);
  } catch (error) {
    throw new AppError("photo_invalid", { issues: [photoIssue(error, index)] });
  }
}

/** Why the photo at `index` was refused; anything but a refusal is thrown on. */
function photoIssue(error: unknown, index: number): Issue {
  if (!(error instanceof PhotoRejected)) throw error;
  return { path: `photo.${index}`, key: `photo_${error.reason}` };
}
