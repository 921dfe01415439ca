import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, lt, lte, ne, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config/env";
import { getServerKeys } from "@/lib/crypto/keys";
import { keyedHash } from "@/lib/crypto/secrets";
import type { Db, Executor, Tx } from "@/lib/db/client";
import { appointmentEvents, appointments, draws, ports, slots, travelers } from "@/lib/db/schema";
import { allocate } from "@/lib/draw/allocate";
import { commitment, entriesHash, publish, scopePersonKey, type DrawPublication } from "@/lib/draw/publication";
import type { DrawEntry, DrawInput, DrawSlot } from "@/lib/draw/types";
import { drawTimes } from "@/lib/scheduling/draw-schedule";
import { addDays, localDate } from "@/lib/scheduling/time";

type Port = typeof ports.$inferSelect;
type DrawRow = typeof draws.$inferSelect;
/** What is frozen when the window closes: the draw's whole input but the (still secret) seed. */
type FrozenInput = Omit<DrawInput, "seed">;

const DAY_MS = 86_400_000;

/** Statuses of requests still waiting for seats: they enter every draw until they expire. */
const WAITING = ["requested", "not_selected"] as const;

/**
 * Creates the day's draw with a fresh secret seed and publishes its commitment; a no-op if the
 * draw exists (safe from several instances at once). Must run before the request window closes.
 */
export async function ensureCommitment(db: Executor, portId: string, date: string, now: Date): Promise<void> {
  const seed = randomBytes(32).toString("hex");
  await db
    .insert(draws)
    .values({ portId, date, seed, commitment: commitment(seed), status: "open", createdAt: now })
    .onConflictDoNothing();
}

/**
 * Freezes the day's entries once the request window has closed: their hash is published and the
 * frozen list is what the draw will run on. A no-op before the window closes or once frozen.
 */
export async function freezeDraw(db: Db, portId: string, date: string, now: Date): Promise<boolean> {
  const config = getConfig();
  return db.transaction(async (tx) => {
    await lockDraw(tx, portId, date);
    const port = await drawPort(tx, portId);
    if (!port || now < drawTimes(port, date, config.DRAW_LEAD_DAYS).closesAt) return false;
    const row = await lockedRow(tx, port, date, now);
    if (row.status !== "open") return false;
    await freeze(tx, port, row, now);
    return true;
  });
}

export type DrawOutcome = { ran: boolean; publication?: DrawPublication };

/**
 * Runs the draw for one draw port and day exactly once: under a transaction-scoped advisory lock
 * (PostgreSQL; PGlite runs transactions one at a time anyway), a draw already drawn is left alone.
 * Allocation, seats, statuses, events and the publication are written in the same transaction.
 */
export async function runDraw(db: Db, portId: string, date: string, now: Date): Promise<DrawOutcome> {
  const config = getConfig();
  return db.transaction(async (tx) => {
    await lockDraw(tx, portId, date);
    const port = await drawPort(tx, portId);
    if (!port) return { ran: false };
    let row = await lockedRow(tx, port, date, now);
    if (row.status === "drawn") return { ran: false };
    if (row.status === "open") row = await freeze(tx, port, row, now);

    const input: DrawInput = { ...(row.publication as FrozenInput), seed: row.seed };
    const result = allocate(input);
    const publication = publish(input, result);

    // Entry ids back to appointments: only requests still waiting take their result (one cancelled
    // between freeze and draw keeps nothing; its seats stay free for the next draw).
    const pepper = (await getServerKeys()).pepper;
    const waiting = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.portId, port.id), inArray(appointments.status, [...WAITING])))
      .for("update");
    const byEntry = new Map(waiting.map((a) => [entryIdFor(pepper, a.id, date), a]));

    const confirmWindow = new Date(now.getTime() + config.CONFIRM_WINDOW_HOURS * 3_600_000);
    const starts = new Map(
      (await tx.select({ id: slots.id, startsAt: slots.startsAt }).from(slots).where(and(eq(slots.portId, port.id), eq(slots.date, date)))).map(
        (s) => [s.id, s.startsAt],
      ),
    );
    for (const allocation of result.allocations) {
      const appointment = byEntry.get(allocation.entryId);
      if (!appointment) continue;
      byEntry.delete(allocation.entryId);
      const seats = appointment.travelerCount;
      const taken = await tx
        .update(slots)
        .set({ booked: sql`${slots.booked} + ${seats}` })
        .where(and(eq(slots.id, allocation.slotId), sql`${slots.booked} + ${seats} <= ${slots.capacity}`))
        .returning({ id: slots.id });
      if (taken.length === 0) continue; // cannot happen while only draws give this day's seats
      // Never a deadline after the appointment itself (a short lead with a long window).
      const start = starts.get(allocation.slotId)!;
      const confirmBy = start < confirmWindow ? start : confirmWindow;
      await tx
        .update(appointments)
        .set({ status: "allocated", slotId: allocation.slotId, confirmBy, drawEntryId: allocation.entryId, updatedAt: now })
        .where(eq(appointments.id, appointment.id));
      await tx
        .insert(appointmentEvents)
        .values({ appointmentId: appointment.id, status: "allocated", slotId: allocation.slotId, at: now });
    }
    const others = [...result.notSelected, ...result.excludedDuplicates.map((d) => d.entryId)].flatMap((entryId) => {
      const appointment = byEntry.get(entryId);
      return appointment ? [{ id: appointment.id, entryId }] : [];
    });
    await markNotSelected(tx, others, now);
    await tx
      .update(draws)
      .set({ status: "drawn", publication: publication as unknown as Record<string, unknown>, drawnAt: now })
      .where(and(eq(draws.portId, port.id), eq(draws.date, date)));
    return { ran: true, publication };
  });
}

/**
 * Tens of thousands of requests lose each draw: they are updated and their events recorded in
 * batches of a few thousand rows per statement, not one round trip each.
 */
async function markNotSelected(tx: Tx, losers: { id: string; entryId: string }[], now: Date) {
  const BATCH = 5_000;
  for (let i = 0; i < losers.length; i += BATCH) {
    const batch = losers.slice(i, i + BATCH);
    const values = sql.join(batch.map((l) => sql`(${l.id}::uuid, ${l.entryId})`), sql`, `);
    // One statement per batch: the update, and the status event of every row it changed.
    await tx.execute(sql`WITH v(id, entry_id) AS (VALUES ${values}),
      changed AS (UPDATE appointments AS a SET status = 'not_selected', draw_entry_id = v.entry_id, updated_at = ${now}
                  FROM v WHERE a.id = v.id RETURNING a.id)
      INSERT INTO appointment_events (appointment_id, status, slot_id, at) SELECT id, 'not_selected', NULL, ${now} FROM changed`);
  }
}

/**
 * Ends what waited too long: allocations not confirmed by their deadline (the seats go back to the
 * next draw) and requests older than REQUEST_EXPIRY_DAYS. Each change is one conditional UPDATE,
 * so a confirmation racing the deadline and several instances expiring at once stay consistent.
 */
export async function expireStale(db: Db, now: Date): Promise<number> {
  const config = getConfig();
  const oldest = new Date(now.getTime() - config.REQUEST_EXPIRY_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    const lapsed = await tx
      .update(appointments)
      .set({ status: "expired", updatedAt: now })
      .where(and(eq(appointments.status, "allocated"), lte(appointments.confirmBy, now)))
      .returning({ id: appointments.id, slotId: appointments.slotId, seats: appointments.travelerCount });
    for (const { slotId, seats } of [...lapsed].sort((a, b) => ((a.slotId ?? "") < (b.slotId ?? "") ? -1 : 1))) {
      if (slotId) await tx.update(slots).set({ booked: sql`${slots.booked} - ${seats}` }).where(eq(slots.id, slotId));
    }
    const old = await tx
      .update(appointments)
      .set({ status: "expired", updatedAt: now })
      .where(and(inArray(appointments.status, [...WAITING]), lt(appointments.waitingSince, oldest)))
      .returning({ id: appointments.id, slotId: appointments.slotId });
    const ended = [...lapsed, ...old];
    if (ended.length === 0) return 0;
    await tx.update(travelers).set({ active: false }).where(inArray(travelers.appointmentId, ended.map((a) => a.id)));
    await tx
      .insert(appointmentEvents)
      .values(ended.map((a) => ({ appointmentId: a.id, status: "expired" as const, slotId: a.slotId, at: now })));
    return ended.length;
  });
}

/**
 * The minute's draw work for every draw port: commitments for the draws held today and tomorrow
 * (published before their windows close), entries frozen at window close, due draws run.
 */
export async function drawTick(db: Db, now: Date): Promise<{ drawn: string[] }> {
  const config = getConfig();
  const lead = config.DRAW_LEAD_DAYS;
  const drawn: string[] = [];
  const drawPorts = await db.select().from(ports).where(eq(ports.mode, "draw")).orderBy(asc(ports.id));
  for (const port of drawPorts) {
    const today = localDate(now, port.timeZone);
    // The draws held today and tomorrow, named by the day of the slots they give out.
    for (const date of [addDays(today, lead), addDays(today, lead + 1)]) await ensureCommitment(db, port.id, date, now);
    const pending = await db
      .select({ date: draws.date, status: draws.status })
      .from(draws)
      .where(and(eq(draws.portId, port.id), ne(draws.status, "drawn"), lte(draws.date, addDays(today, lead + 1))))
      .orderBy(asc(draws.date));
    for (const { date, status } of pending) {
      const times = drawTimes(port, date, config.DRAW_LEAD_DAYS);
      if (now >= times.drawAt) {
        if ((await runDraw(db, port.id, date, now)).ran) drawn.push(`${port.id}/${date}`);
      } else if (status === "open" && now >= times.closesAt) {
        await freezeDraw(db, port.id, date, now);
      }
    }
  }
  await expireStale(db, now);
  return { drawn };
}

/** Draws whose time has passed and that have not run, as `[portId, date]`. */
export async function dueDraws(db: Db, now: Date): Promise<[string, string][]> {
  const config = getConfig();
  const due: [string, string][] = [];
  const drawPorts = await db.select().from(ports).where(eq(ports.mode, "draw")).orderBy(asc(ports.id));
  for (const port of drawPorts) {
    const rows = await db
      .select({ date: draws.date })
      .from(draws)
      .where(and(eq(draws.portId, port.id), ne(draws.status, "drawn")))
      .orderBy(asc(draws.date));
    for (const { date } of rows) if (now >= drawTimes(port, date, config.DRAW_LEAD_DAYS).drawAt) due.push([port.id, date]);
  }
  return due;
}

/** The pseudonymous id of a request in one day's draw: unlinkable across days without the pepper. */
export function entryIdFor(pepper: Buffer, appointmentId: string, date: string): string {
  return keyedHash(pepper, `puerta-draw-entry:${appointmentId}:${date}`).slice(0, 22);
}

async function lockDraw(tx: Tx, portId: string, date: string) {
  // Transaction-scoped: released at commit or rollback, even if the process dies. PGlite has
  // pg_advisory_xact_lock too (and one connection), so the same statement runs on both.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`puerta:draw:${portId}:${date}`}))`);
}

async function drawPort(tx: Executor, portId: string): Promise<Port | undefined> {
  const [port] = await tx.select().from(ports).where(eq(ports.id, portId));
  return port?.mode === "draw" ? port : undefined;
}

async function lockedRow(tx: Tx, port: Port, date: string, now: Date): Promise<DrawRow> {
  const find = () => tx.select().from(draws).where(and(eq(draws.portId, port.id), eq(draws.date, date))).for("update");
  let [row] = await find();
  if (!row) {
    // No commitment was made in time (the app was down): one is made now, and says when.
    await ensureCommitment(tx, port.id, date, now);
    [row] = await find();
  }
  return row;
}

async function freeze(tx: Tx, port: Port, row: DrawRow, now: Date): Promise<DrawRow> {
  const frozen = await frozenInput(tx, port, row.date);
  const [updated] = await tx
    .update(draws)
    .set({
      status: "frozen",
      entriesHash: entriesHash(frozen),
      publication: frozen as unknown as Record<string, unknown>,
      frozenAt: now,
    })
    .where(and(eq(draws.portId, port.id), eq(draws.date, row.date)))
    .returning();
  return updated;
}

/** The draw's entries (waiting requests made before the window closed) and the day's free seats. */
async function frozenInput(tx: Tx, port: Port, date: string): Promise<FrozenInput> {
  const config = getConfig();
  const { closesAt } = drawTimes(port, date, config.DRAW_LEAD_DAYS);
  const oldest = new Date(closesAt.getTime() - config.REQUEST_EXPIRY_DAYS * DAY_MS);
  const pepper = (await getServerKeys()).pepper;
  const entering = and(
    eq(appointments.portId, port.id),
    inArray(appointments.status, [...WAITING]),
    lt(appointments.createdAt, closesAt),
    sql`${appointments.waitingSince} >= ${oldest}`,
  );
  const requests = await tx.select().from(appointments).where(entering);
  // Travelers by a join with the same conditions, not by a list of ids: a busy port's waiting list
  // could pass PostgreSQL's 65,535 parameters in one statement.
  const people = await tx
    .select({ appointmentId: travelers.appointmentId, personKey: travelers.personKey })
    .from(travelers)
    .innerJoin(appointments, eq(appointments.id, travelers.appointmentId))
    .where(entering);
  const keysOf = new Map<string, string[]>();
  for (const p of people) keysOf.set(p.appointmentId, [...(keysOf.get(p.appointmentId) ?? []), scopePersonKey(p.personKey, port.id, date)]);
  const entries: DrawEntry[] = requests.map((r) => ({
    entryId: entryIdFor(pepper, r.id, date),
    seats: r.travelerCount,
    waitingSince: (r.waitingSince ?? r.createdAt).toISOString(),
    preferredDates: r.preferredDates ?? [],
    personKeys: keysOf.get(r.id) ?? [],
  }));
  const free = await tx
    .select()
    .from(slots)
    .where(and(eq(slots.portId, port.id), eq(slots.date, date), sql`${slots.booked} < ${slots.capacity}`))
    .orderBy(asc(slots.startsAt), asc(slots.id));
  const drawSlots: DrawSlot[] = free.map((s) => ({ slotId: s.id, capacity: s.capacity - s.booked }));
  return { portId: port.id, date, longestWaitingShare: config.DRAW_LONGEST_WAITING_SHARE, slots: drawSlots, entries };
}
