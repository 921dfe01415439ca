import "server-only";
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/server/config/env";
import type { Db, Executor, Tx } from "@/lib/server/db/connection";
import { allocate } from "@/lib/draw/shared/allocate";
import { commitment, entriesHash, publish, type DrawPublication } from "@/lib/draw/shared/publication";
import type { DrawInput } from "@/lib/draw/shared/types";
import { drawTimes } from "@/lib/draw/shared/schedule";
import { addDays, localDate } from "@/lib/shared/time/dates";
import { findDrawForUpdate, insertDrawIfMissing, lockDraw, markDrawn, markFrozen, undrawnDraws, type DrawRow } from "./data/draws";
import { findDrawPort, listDrawPorts } from "./data/ports";
import { markNotSelected, writeAllocations, type Allocated } from "./data/results";
import { getServerKeys } from "@/lib/server/crypto/keys";
import { inTransaction } from "./data/transaction";
import { entryOwners, frozenInput, type FrozenInput, type Port } from "./entries";
import { expireLapsedAllocations, expireStale } from "./expire";
import { eachWithLimit, PORTS_AT_ONCE } from "./parallel";

export { expireStale };

/** A frozen draw: its input without the seed, and the hash published when it was frozen. */
type Frozen = { input: FrozenInput; entriesHash: string };

/**
 * Creates the day's draw with a fresh secret seed and publishes its commitment; a no-op if the
 * draw exists (safe from several instances at once). Must run before the request window closes.
 */
export async function ensureCommitment(db: Executor, portId: string, date: string, now: Date): Promise<void> {
  const seed = randomBytes(32).toString("hex");
  await insertDrawIfMissing(db, { portId, date, seed, commitment: commitment(seed) }, now);
}

/**
 * Freezes the day's entries once the request window has closed: their hash is published and the
 * frozen list is what the draw will run on. A no-op before the window closes or once frozen.
 */
export async function freezeDraw(db: Db, portId: string, date: string, now: Date): Promise<boolean> {
  const config = getConfig();
  await keysLoaded();
  return inTransaction(db, async (tx) => {
    await lockDraw(tx, portId, date);
    const port = await findDrawPort(tx, portId);
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
  await keysLoaded();
  return inTransaction(db, async (tx) => {
    await lockDraw(tx, portId, date);
    const port = await findDrawPort(tx, portId);
    if (!port) return { ran: false };
    const row = await lockedRow(tx, port, date, now);
    if (row.status === "drawn") return { ran: false };
    // The hash was computed once, at freeze: the entries are not hashed again to publish them.
    const frozen: Frozen =
      row.status === "open" ? await freeze(tx, port, row, now) : { input: row.publication as FrozenInput, entriesHash: row.entriesHash! };

    const input: DrawInput = { ...frozen.input, seed: row.seed };
    const result = allocate(input);
    const publication = publish(input, result, frozen.entriesHash);

    // Entry ids back to appointments. Requests cancelled since the freeze keep their cancellation
    // (the writes are conditional) and their seats stay free for the next draw.
    const owners = await entryOwners(tx, port, date);
    const allocated: Allocated[] = [];
    for (const a of result.allocations) {
      const id = owners.get(a.entryId);
      if (id) allocated.push({ id, entryId: a.entryId, slotId: a.slotId });
    }
    const losers: { id: string; entryId: string }[] = [];
    for (const entryId of result.notSelected) {
      const id = owners.get(entryId);
      if (id) losers.push({ id, entryId });
    }
    for (const { entryId } of result.excludedDuplicates) {
      const id = owners.get(entryId);
      if (id) losers.push({ id, entryId });
    }
    const deadline = confirmDeadline(drawTimes(port, date, config.DRAW_LEAD_DAYS).drawAt, now, config.CONFIRM_WINDOW_HOURS);
    await writeAllocations(tx, allocated, deadline, now);
    await markNotSelected(tx, losers, now);
    // The frozen input is in the row already: only what the draw adds is sent, not the entries again.
    const added = { algorithm: publication.algorithm, commitment: publication.commitment, entriesHash: publication.entriesHash, seed: publication.seed, result };
    await markDrawn(tx, port.id, date, added, now);
    return { ran: true, publication };
  });
}

/**
 * The minute's draw work for every draw port, two ports at a time: commitments for the draws held
 * today and tomorrow (published before their windows close), entries frozen at window close, due
 * draws run.
 */
export async function drawTick(db: Db, now: Date): Promise<{ drawn: string[] }> {
  const config = getConfig();
  const lead = config.DRAW_LEAD_DAYS;
  const drawn: string[] = [];
  const drawPorts = await listDrawPorts(db);
  await eachWithLimit(drawPorts, PORTS_AT_ONCE, async (port) => {
    const today = localDate(now, port.timeZone);
    // The draws held today and tomorrow, named by the day of the slots they give out.
    for (const date of [addDays(today, lead), addDays(today, lead + 1)]) await ensureCommitment(db, port.id, date, now);
    const pending = await undrawnDraws(db, port.id, addDays(today, lead + 1));
    for (const { date, status } of pending) {
      const times = drawTimes(port, date, config.DRAW_LEAD_DAYS);
      if (now >= times.drawAt) {
        if ((await runDraw(db, port.id, date, now)).ran) drawn.push(`${port.id}/${date}`);
      } else if (status === "open" && now >= times.closesAt) {
        await freezeDraw(db, port.id, date, now);
      }
    }
  });
  await expireStale(db, now);
  return { drawn: drawn.sort() };
}

/**
 * When the day's request window of a draw port closes, if it is still open at `now`: a draw is not
 * run early, since requests arriving until then were told they are in it. Null once it has
 * closed, and for an unknown port or one of another mode.
 */
export async function requestWindowOpenUntil(db: Db, portId: string, date: string, now: Date): Promise<Date | null> {
  const port = await findDrawPort(db, portId);
  if (!port) return null;
  const { closesAt } = drawTimes(port, date, getConfig().DRAW_LEAD_DAYS);
  return now < closesAt ? closesAt : null;
}

/** Draws whose time has passed and that have not run, as `[portId, date]`. */
export async function dueDraws(db: Db, now: Date): Promise<[string, string][]> {
  const config = getConfig();
  const due: [string, string][] = [];
  const drawPorts = await listDrawPorts(db);
  for (const port of drawPorts) {
    const rows = await undrawnDraws(db, port.id);
    for (const { date } of rows) if (now >= drawTimes(port, date, config.DRAW_LEAD_DAYS).drawAt) due.push([port.id, date]);
  }
  return due;
}

/** The day's draw row, locked for the transaction; made now if it is missing. */
async function lockedRow(tx: Tx, port: Port, date: string, now: Date): Promise<DrawRow> {
  let row = await findDrawForUpdate(tx, port.id, date);
  if (!row) {
    // No commitment was made in time (the app was down): one is made now, and says when.
    await ensureCommitment(tx, port.id, date, now);
    row = await findDrawForUpdate(tx, port.id, date);
  }
  return row!;
}

/**
 * The time allocated requests have to confirm, counted from the scheduled draw time rather than
 * the runner's clock: with the defaults (draw at 19:00, 23 hours) it falls exactly when the next
 * day's window closes, whose freeze first ends the lapsed allocations, so their seats go into that
 * very draw. A draw run so late that this has passed counts from now instead. Never after the
 * appointment itself: that cap is applied per slot when the result is written.
 */
function confirmDeadline(drawAt: Date, now: Date, windowHours: number): Date {
  const window = windowHours * 3_600_000;
  const scheduled = drawAt.getTime() + window;
  return new Date(scheduled > now.getTime() ? scheduled : now.getTime() + window);
}

/**
 * Freezes the entries and seats, publishes their hash; the frozen input goes into the row. The
 * port's allocations whose deadline has passed are ended first, so the seats nobody confirmed are
 * among those frozen (the expiry's conditional write, as in expireStale: a confirmation racing it
 * either wins whole or finds the window closed).
 */
async function freeze(tx: Tx, port: Port, row: DrawRow, now: Date): Promise<Frozen> {
  await expireLapsedAllocations(tx, now, port.id);
  const input = await frozenInput(tx, port, row.date, now);
  const hash = entriesHash(input);
  await markFrozen(tx, port.id, row.date, { entriesHash: hash, input }, now);
  return { input, entriesHash: hash };
}

/**
 * The entries' ids need the deployment's pepper, which is read from the database the first time.
 * Read before the draw's transaction opens: on PGlite (one connection) a first read from inside
 * it would wait for the transaction, and the transaction for the read. A running server has
 * loaded the keys at start; `npm run draw` and a fresh process have not.
 */
async function keysLoaded(): Promise<void> {
  await getServerKeys();
}
