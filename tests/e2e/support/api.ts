import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { attestationIds } from "@/lib/eligibility/shared/attestations";
import { addDays } from "@/lib/shared/time/dates";
import { TIJUANA, type TravelerAnswers } from "./booking-flow";
import { jpegFile } from "./photos";

// The public API as another client (a second phone, a shelter's laptop) uses it, to change what
// the server holds while a person is in the middle of the flow in the browser.

export type OpenSlot = { id: string; start: string; end: string; capacity: number; remaining: number };

/** Every slot the port offers in the booking window (the API allows 31 days a request). */
export async function slotsAt(request: APIRequestContext, portId: string): Promise<OpenSlot[]> {
  const today = new Date().toISOString().slice(0, 10);
  const response = await request.get(`/api/v1/ports/${portId}/availability?from=${addDays(today, -1)}&to=${addDays(today, 16)}`);
  expect(response.status()).toBe(200);
  const { days } = (await response.json()) as { days: { slots: OpenSlot[] }[] };
  return days.flatMap((day) => day.slots);
}

// Availability is read through its one-second memo (served up to a second more while the next is
// computed): a count that must change is awaited with expect.poll, not read once.
export async function remainingAt(request: APIRequestContext, portId: string, slotId: string): Promise<number> {
  const slot = (await slotsAt(request, portId)).find((s) => s.id === slotId);
  expect(slot, `slot ${slotId}`).toBeDefined();
  return slot!.remaining;
}

/** A traveler as the API takes it, from the answers the browser tests type in. */
export function travelerInput(answers: TravelerAnswers) {
  const [day, month, year] = answers.dateOfBirth;
  return {
    givenNames: answers.givenNames,
    familyNames: answers.familyNames,
    dateOfBirth: `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`,
    sex: answers.sex,
    nationality: answers.nationality,
    countryOfBirth: answers.countryOfBirth,
  };
}

/** POST /api/v1/appointments: one application, a real JPEG per traveler, a fresh Idempotency-Key. */
export async function bookThroughApi(
  request: APIRequestContext,
  { portId, slotId, travelers }: { portId: string; slotId: string; travelers: TravelerAnswers[] },
) {
  const photo = await jpegFile();
  const application = {
    portId,
    slotId,
    locale: "en",
    travelers: travelers.map(travelerInput),
    attestations: attestationIds,
    location: { latitude: TIJUANA.latitude, longitude: TIJUANA.longitude, accuracy: 1000, capturedAt: new Date().toISOString() },
  };
  const multipart: Record<string, string | typeof photo> = { application: JSON.stringify(application) };
  travelers.forEach((_, i) => (multipart[`photo.${i}`] = { ...photo, name: `photo-${i}.jpg` }));
  const response = await request.post("/api/v1/appointments", {
    headers: { "idempotency-key": `e2e-${randomUUID()}` },
    multipart,
  });
  return { status: response.status(), body: await response.json() };
}

/** The appointment as its owner reads it (the bearer secret the device keeps). */
export async function appointmentFor(request: APIRequestContext, code: string, secret: string) {
  const response = await request.get(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
  return (await response.json()).appointment as { status: string; portId: string; slot: { id: string } | null; travelers: { givenNames: string; familyNames: string }[] };
}
