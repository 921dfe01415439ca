import { randomBytes, randomInt } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDatabase, useDatabase } from "@/lib/server/db/database";
import { materializeSlots, seedDemoPorts } from "@/lib/scheduling/server/seed";
import { useTestServer } from "../support/api";
import { freshDatabase } from "../support/database";
import { application, phonePhoto, traveler } from "../support/fixtures";
import { captureLog } from "../support/log-capture";
import { book, someSlot, type Answer } from "../support/requests";

/**
 * Bookings whose write fails in ways nobody planned for, with personal data that no other test
 * uses: whatever the failure, the server's log (and the answer) must hold none of it, and the log
 * must still say enough to find the failure: the request's id, the error's class, its SQLSTATE.
 */
const server = useTestServer();
const onPostgres = Boolean(process.env.DATABASE_URL);
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let log: ReturnType<typeof captureLog>;
beforeEach(() => {
  log = captureLog();
});
afterEach(() => log.stop());

const letters = () => Array.from(randomBytes(10), (b) => "abcdefghijklmnopqrstuvwxyz"[b % 26]).join("");
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");

/** One person's data, every part of it unique to this run, and the strings to look for. */
async function markedApplication(slotId: string) {
  const person = {
    givenNames: `Logmarker ${letters()}`,
    familyNames: `Privado ${letters()}`,
    dateOfBirth: `19${randomInt(40, 80)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`,
    passport: `LM${digits(8)}`,
    phone: `+52664${digits(7)}`,
    email: `logmarker.${letters()}@example.org`,
    latitude: `51${digits(7)}`,
    longitude: `04${digits(7)}`,
  };
  const body = application({
    slotId,
    travelers: [
      traveler({
        givenNames: person.givenNames,
        familyNames: person.familyNames,
        dateOfBirth: person.dateOfBirth,
        document: { type: "passport", number: person.passport, country: "HND" },
      }),
    ],
    contact: { phone: person.phone, email: person.email },
    location: {
      latitude: Number(`32.${person.latitude}`),
      longitude: Number(`-117.${person.longitude}`),
      accuracy: 25,
      capturedAt: new Date().toISOString(),
    },
  });
  const needles: Record<string, string> = { ...person, phoneDigits: person.phone.slice(1), ...photoNeedles(await phonePhoto()) };
  return { body, needles };
}

/** The photo's bytes as a log could carry them: base64 (at each alignment), hex, text, numbers. */
function photoNeedles(photo: Buffer): Record<string, string> {
  const middle = Math.floor(photo.length / 2);
  const window = (shift: number) => photo.subarray(middle + shift, middle + shift + 48);
  // A run of printable ASCII bytes: how a Buffer reads inside a string (the ORM's "params: …"),
  // since UTF-8 decodes ASCII bytes as themselves whatever surrounds them.
  const text = /[\x20-\x7E]{8,}/.exec(photo.subarray(middle - 20_000, middle + 20_000).toString("latin1"))?.[0];
  if (!text) throw new Error("the test photo has no run of text-like bytes to look for");
  return {
    photoBase64a: window(0).toString("base64"),
    photoBase64b: window(1).toString("base64"),
    photoBase64c: window(2).toString("base64"),
    photoHex: window(0).toString("hex"),
    photoBytes: Array.from(window(0).subarray(0, 16)).join(","),
    photoText: text.slice(0, 12),
  };
}

function expectNothingOf(needles: Record<string, string>, text: string, where: string) {
  for (const [name, needle] of Object.entries(needles)) {
    const at = text.indexOf(needle);
    expect(at, `${name} found in ${where}: …${text.slice(Math.max(0, at - 80), at + 80)}…`).toBe(-1);
  }
}

/** The answer is the contract's, names the request, and carries nothing of the person. */
function expectFailureAnswer(answer: Answer, needles: Record<string, string>) {
  expect([500, 503]).toContain(answer.status);
  expect(answer.body).toEqual({
    error: { code: answer.status === 503 ? "service_unavailable" : "internal_error", message: expect.any(String) },
  });
  expectNothingOf(needles, JSON.stringify(answer.body), "the answer");
  const requestId = answer.headers.get("x-request-id");
  expect(requestId).toMatch(REQUEST_ID);
  return requestId!;
}

/** The log line about the request: an error, by class and codes; and nothing of the person anywhere. */
function expectLogged(requestId: string, needles: Record<string, string>) {
  expectNothingOf(needles, log.text(), "the log");
  const record = log.records().find((r) => r.requestId === requestId);
  expect(record, `no log line with the request id; the log: ${log.text()}`).toBeDefined();
  expect(record).toMatchObject({ level: "error", method: "POST", resource: "/api/v1/appointments" });
  expect(record.err.class).toMatch(/^[A-Za-z]+$/);
  return record.err;
}

const classes = (err: any): string[] => [err.class, ...(err.causes ?? []).map((c: any) => c.class)];

describe("the log, when a booking's write fails unexpectedly", () => {
  it("names every answer with a request id, a success too", async () => {
    const { body, needles } = await markedApplication((await someSlot("san-ysidro")).id);
    const answer = await book(body);
    expect(answer.status).toBe(201);
    expectNothingOf(needles, log.text(), "the log");
    expect(answer.headers.get("x-request-id")).toMatch(REQUEST_ID);
    const refused = await book(body, "short");
    expect(refused.status).toBe(400);
    expect(refused.headers.get("x-request-id")).toMatch(REQUEST_ID);
    expect(refused.headers.get("x-request-id")).not.toBe(answer.headers.get("x-request-id"));
  });

  it("holds no personal data when the database refuses the travelers (a trigger quoting them)", async () => {
    const db = await server.db();
    // The error's own message and detail quote the person, like a type error on a value would.
    await db.execute(
      sql.raw(`CREATE FUNCTION log_privacy_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.given_names LIKE 'Logmarker%' THEN
            RAISE EXCEPTION 'refusing % % born %', NEW.given_names, NEW.family_names, NEW.date_of_birth
              USING DETAIL = NEW.document::text, CONSTRAINT = 'log_privacy_planted';
          END IF;
          RETURN NEW;
        END $$`),
    );
    await db.execute(sql.raw("CREATE TRIGGER log_privacy_refuse BEFORE INSERT ON travelers FOR EACH ROW EXECUTE FUNCTION log_privacy_refuse()"));
    try {
      const { body, needles } = await markedApplication((await someSlot("san-ysidro")).id);
      const answer = await book(body);
      expect(answer.status).toBe(500);
      const err = expectLogged(expectFailureAnswer(answer, needles), needles);
      expect(err).toMatchObject({ sqlState: "P0001", constraint: "log_privacy_planted" });
      expect(classes(err)).toContain("DatabaseError");
      expect(err.message).toBeUndefined();
      expect(err.stack.every((frame: string) => frame.startsWith("at "))).toBe(true);
    } finally {
      await db.execute(sql.raw("DROP TRIGGER log_privacy_refuse ON travelers"));
      await db.execute(sql.raw("DROP FUNCTION log_privacy_refuse()"));
    }
  });

  it.runIf(onPostgres)("holds no personal data when the connections are cut while the write waits", async () => {
    const slot = await someSlot("san-ysidro", 1, 4);
    const { body, needles } = await markedApplication(slot.id);
    // A few connections left idle in the pool, to be cut as well.
    const db = await server.db();
    await Promise.all(Array.from({ length: 3 }, () => db.execute(sql`SELECT pg_sleep(0.05)`)));
    const admin = new pg.Client({ connectionString: server.url() });
    admin.on("error", () => undefined);
    await admin.connect();
    let terminated = 0;
    let answer: Answer | undefined;
    try {
      // The write takes the slot's seats: holding the slot's row makes it wait, mid-statement,
      // until its connection is cut. Cut again if it is retried, until the request answers.
      await admin.query("BEGIN");
      await admin.query("SELECT 1 FROM slots WHERE id = $1 FOR UPDATE", [slot.id]);
      const pending = book(body).then((a) => (answer = a));
      const deadline = Date.now() + 30_000;
      while (!answer && Date.now() < deadline) {
        const waiting = await admin.query(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'",
        );
        if (waiting.rows.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        terminated++;
      }
      await admin.query("ROLLBACK");
      await pending;
    } finally {
      await admin.end();
    }
    expect(terminated).toBeGreaterThan(0);
    // The pool's connections cut while idle are logged too (as they notice), and as carefully.
    await vi.waitFor(() => expect(log.records().some((r) => r.msg === "idle database connection lost")).toBe(true));
    const err = expectLogged(expectFailureAnswer(answer!, needles), needles);
    expect(err.sqlState).toBe("57P01"); // admin_shutdown: pg_terminate_backend
    expect(classes(err)).toContain("DatabaseError");
  });

  it.runIf(!onPostgres)("holds no personal data when the embedded database is closed under the write", async () => {
    const serving = await getDatabase();
    const closing = await freshDatabase();
    await seedDemoPorts(closing.db);
    await materializeSlots(closing.db, new Date(), 16);
    // The write's own statement (lib/scheduling/server/data/application-statement.ts) finds the
    // database closed: the ORM's error then quotes it with all its values.
    const client = (closing.db as unknown as { $client: PGlite }).$client;
    const query = client.query.bind(client);
    client.query = (async (text: string, ...rest: unknown[]) => {
      if (text.startsWith("WITH claim")) await client.close();
      return (query as (...args: unknown[]) => unknown)(text, ...rest);
    }) as unknown as PGlite["query"];
    useDatabase(closing);
    try {
      const { body, needles } = await markedApplication((await someSlot("san-ysidro")).id);
      const answer = await book(body);
      expect(client.closed).toBe(true);
      const err = expectLogged(expectFailureAnswer(answer, needles), needles);
      expect(err.class).toBe("DrizzleQueryError");
      expect(err.message).toBeUndefined();
      // The driver's own error, which quotes nothing, says what happened.
      expect(err.causes).toEqual([{ class: "Error", message: "PGlite is closed" }]);
    } finally {
      useDatabase(serving);
    }
  });
});
