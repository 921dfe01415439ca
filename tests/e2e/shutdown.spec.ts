import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { attestationIds } from "@/lib/eligibility/shared/attestations";
import { addDays } from "@/lib/shared/time/dates";
import { TIJUANA } from "./support/booking-flow";
import { OwnServer } from "./support/own-server";
import { strangers } from "./support/people";
import { jpegFile } from "./support/photos";

// What stopping the server in the middle of a rush leaves behind: a server of the test's own
// (`node server.mjs` on a data folder of its own) gets ~50 bookings at once and is stopped as soon
// as the first few are acknowledged; started again on the same data, it must still hold every
// booking it acknowledged. Stopped politely (SIGTERM, what an orchestrator sends), it also answers
// every request it had accepted; killed (SIGKILL, a crash), it loses only unacknowledged ones.

const PORT_ID = "san-ysidro";
const RUSH = 50;
const STOP_AFTER = 3;

type Answer = { status: number | null; code?: string; secret?: string; failure?: string };

/** One seat for each of `count` bookings, in the port's open slots. */
async function seatsFor(url: string, count: number): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  const response = await fetch(`${url}/api/v1/ports/${PORT_ID}/availability?from=${today}&to=${addDays(today, 16)}`);
  expect(response.status).toBe(200);
  const { days } = (await response.json()) as { days: { slots: { id: string; remaining: number }[] }[] };
  const seats = days.flatMap((day) => day.slots.flatMap((slot) => Array<string>(slot.remaining).fill(slot.id)));
  expect(seats.length).toBeGreaterThanOrEqual(count);
  return seats.slice(0, count);
}

/** POST /api/v1/appointments as a phone sends it (one traveler, a real JPEG); a lost connection is an answer of null. */
async function book(url: string, slotId: string): Promise<Answer> {
  const [person] = strangers(1);
  const [day, month, year] = person.dateOfBirth;
  const application = {
    portId: PORT_ID,
    slotId,
    locale: "en",
    travelers: [
      {
        givenNames: person.givenNames,
        familyNames: person.familyNames,
        dateOfBirth: `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`,
        sex: person.sex,
        nationality: person.nationality,
        countryOfBirth: person.countryOfBirth,
      },
    ],
    attestations: attestationIds,
    location: { latitude: TIJUANA.latitude, longitude: TIJUANA.longitude, accuracy: 1000, capturedAt: new Date().toISOString() },
  };
  const photo = await jpegFile();
  const form = new FormData();
  form.set("application", JSON.stringify(application));
  form.set("photo.0", new Blob([new Uint8Array(photo.buffer)], { type: photo.mimeType }), photo.name);
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${url}/api/v1/appointments`, { method: "POST", headers: { "idempotency-key": `e2e-${randomUUID()}` }, body: form });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: null, failure: cause?.code ?? String(error) };
  }
  const body = (text.startsWith("{") ? JSON.parse(text) : {}) as { appointment?: { code: string }; secret?: string };
  return { status, code: body.appointment?.code, secret: body.secret };
}

/**
 * Sends RUSH bookings at once and `signal` to the server as soon as STOP_AFTER are acknowledged;
 * answers every booking's answer, how the process ended and how many answers came after the signal.
 */
async function rushAndStop(server: OwnServer, signal: NodeJS.Signals) {
  const seats = await seatsFor(server.url, RUSH);
  let acknowledged = 0;
  let stopped: ReturnType<OwnServer["stop"]> | undefined;
  let afterSignal = 0;
  const answers = await Promise.all(
    seats.map(async (slotId) => {
      const answer = await book(server.url, slotId);
      if (stopped) afterSignal++;
      if (answer.status === 201 && ++acknowledged === STOP_AFTER) stopped = server.stop(signal);
      return answer;
    }),
  );
  expect(stopped, `fewer than ${STOP_AFTER} bookings were acknowledged:\n${server.log}`).toBeDefined();
  return { answers, exit: await stopped!, afterSignal };
}

/** Every acknowledged booking, read back with its secret from the server started again. */
async function expectKept(server: OwnServer, answers: Answer[]) {
  const acknowledged = answers.filter((a) => a.status === 201);
  expect(acknowledged.length).toBeGreaterThanOrEqual(STOP_AFTER);
  for (const { code, secret } of acknowledged) {
    const response = await fetch(`${server.url}/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(response.status, `appointment ${code}`).toBe(200);
    expect(((await response.json()) as { appointment: { status: string } }).appointment.status).toBe("confirmed");
  }
}

test("SIGTERM mid-rush: every request in flight is answered, the process exits 0, every acknowledged booking is kept", async () => {
  test.setTimeout(300_000); // a server of its own, started twice
  const server = new OwnServer({ SHUTDOWN_GRACE_MS: "30000" });
  try {
    await server.start();
    const { answers, exit, afterSignal } = await rushAndStop(server, "SIGTERM");
    // The signal came while requests were still in flight, and each of them was answered.
    expect(afterSignal).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === null).map((a) => a.failure)).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual(Array(RUSH).fill(201));
    expect(exit, server.log).toEqual({ code: 0, signal: null });

    await server.start();
    await expectKept(server, answers);
  } finally {
    await server.dispose();
  }
});

test("SIGKILL mid-rush (a crash): every booking acknowledged before it is kept", async () => {
  test.setTimeout(300_000);
  const server = new OwnServer();
  try {
    await server.start();
    const { answers, exit } = await rushAndStop(server, "SIGKILL");
    expect(exit).toEqual({ code: null, signal: "SIGKILL" });
    // Cut off, not answered wrongly: a request either got its booking or lost its connection.
    expect(answers.filter((a) => a.status !== null && a.status !== 201).map((a) => a.status)).toEqual([]);

    await server.start();
    await expectKept(server, answers);
  } finally {
    await server.dispose();
  }
});
