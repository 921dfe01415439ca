import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { attestationIds } from "@/lib/eligibility/shared/attestations";
import { slotsAt, travelerInput } from "./api";
import { TIJUANA, type TravelerAnswers } from "./booking-flow";
import { writeOnDevice } from "./device-store";
import { jpegFile } from "./photos";

// Appointments made through the public API and then kept on the browser's device as the app keeps
// them (encrypted under its device key): a screen's states are reached without walking the whole
// booking flow each time, and with what the flow cannot give on demand (a contact or none).

type Booked = { appointment: { code: string; status: string; slot?: { id: string; start: string; end: string } }; secret: string };

/** POST /api/v1/appointments at a first-come port (its first open slot) or a draw port (no slot). */
export async function bookOnServer(
  request: APIRequestContext,
  { portId, travelers, phone }: { portId: string; travelers: TravelerAnswers[]; phone?: string },
): Promise<Booked> {
  const draw = portId === "eagle-pass" || portId === "hidalgo";
  const slotId = draw ? undefined : (await slotsAt(request, portId)).find((s) => s.remaining >= travelers.length)!.id;
  const photo = await jpegFile();
  const application = {
    portId,
    ...(slotId && { slotId }),
    locale: "es",
    travelers: travelers.map(travelerInput),
    ...(phone && { contact: { phone } }),
    attestations: attestationIds,
    location: { latitude: TIJUANA.latitude, longitude: TIJUANA.longitude, accuracy: 1000, capturedAt: new Date().toISOString() },
  };
  const multipart: Record<string, string | typeof photo> = { application: JSON.stringify(application) };
  travelers.forEach((_, i) => (multipart[`photo.${i}`] = { ...photo, name: `photo-${i}.jpg` }));
  const response = await request.post("/api/v1/appointments", { headers: { "idempotency-key": `e2e-${randomUUID()}` }, multipart });
  expect(response.status(), await response.text()).toBe(draw ? 202 : 201);
  return (await response.json()) as Booked;
}

/**
 * Keeps appointments on the device as the app does after sending (appointment-store.ts): the list
 * encrypted under the device key in IndexedDB. The page must be on the app's origin; it is
 * reloaded afterwards so the app reads them.
 */
export async function keepOnDevice(page: Page, request: APIRequestContext, booked: (Booked & { phone?: string })[]) {
  const { ports } = (await (await request.get("/api/v1/ports")).json()) as { ports: { id: string }[] };
  const cards = booked.map(({ appointment, secret, phone }) => ({
    appointment,
    secret,
    port: ports.find((p) => p.id === (appointment as { portId?: string }).portId)!,
    savedAt: new Date().toISOString(),
    record: { travelers: [], phone: phone ? `••••${phone.slice(-4)}` : "", email: "" },
  }));
  await writeOnDevice(page, [{ db: "puerta-appointments", store: "appointments", key: "appointments", json: cards }]);
  await page.reload();
}
