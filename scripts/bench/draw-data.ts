/**
 * The draw bench's data: a day of requests written with a few bulk statements
 * (`INSERT … SELECT … FROM generate_series`), so setting up 80,000 requests takes seconds and the
 * timed part is the draw alone. The SQL is plain PostgreSQL 15 that PGlite runs as well.
 *
 * Everything is derived from the request's series number `n` through `hashtext`, not `random()`:
 * both databases get the same requests, and the travelers' statement can recompute what the
 * appointments' statement decided (group size, duplicate) without a join on a temporary table.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/connection";

/** A contiguous run of series numbers for one port and one kind of request. */
export type RequestRange = {
  portId: string;
  lo: number;
  hi: number;
  /** When the port's request window closes (the draw's entry deadline). */
  closesAt: Date;
  /**
   * entry: waiting, created before the window closed, waited under REQUEST_EXPIRY_DAYS: in the draw.
   * The others must stay out, which checks the runner's selection: late (created after the window
   * closed: tomorrow's draw), cancelled, stale (waited longer than REQUEST_EXPIRY_DAYS).
   */
  kind: "entry" | "late" | "cancelled" | "stale";
};

// Share of entries (even series numbers only, see below) whose first traveler is the first
// traveler of the request just before: 2% of the even ones ≈ 1% of all requests.
const DUPLICATE_SHARE_OF_EVEN = 0.02;

/** A deterministic fraction in [0, 1) for series number `n` and a label. */
const fraction = (label: string, n: SQL) => sql`((hashtext(${label} || ':' || ${n})::bigint + 2147483648) / 4294967296.0)`;

/** The ranges as a typed VALUES list; untyped parameters would not compare with integers. */
function rangesValues(ranges: RequestRange[]): SQL {
  const rows = ranges.map(
    (r) => sql`(${r.portId}::text, ${r.lo}::int, ${r.hi}::int, ${r.closesAt.toISOString()}::timestamptz, ${r.kind}::text)`,
  );
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS r(port_id, lo, hi, closes_at, kind)`;
}

/**
 * Whether request `n` of range `r` repeats a traveler of request n - 1. Only even numbers may,
 * and only when n - 1 is an entry of the same port, so pairs never chain: each pair is exactly one
 * duplicate for the draw to exclude (which one depends on who waited longer).
 */
const isDuplicate = (n: SQL) =>
  sql`(r.kind = 'entry' AND ${n} % 2 = 0 AND ${n} - 1 >= r.lo AND ${fraction("dup", n)} < ${DUPLICATE_SHARE_OF_EVEN})`;

/** One statement for every appointment of the day (entries and the ones that must stay out). */
export async function insertRequests(db: Executor, ranges: RequestRange[], date: string, otherDate: string): Promise<void> {
  const total = Math.max(...ranges.map((r) => r.hi));
  const n = sql`g.n`;
  await db.execute(sql`
    INSERT INTO appointments (id, code, secret_hash, status, port_id, traveler_count, locale, token,
                              attestations, eligibility, preferred_dates, waiting_since, created_at, updated_at)
    SELECT md5('bench-appointment:' || s.n)::uuid,
           'BENCH' || lpad(s.n::text, 7, '0'),
           decode(md5('bench-secret:' || s.n), 'hex'),
           CASE
             WHEN s.kind = 'cancelled' THEN 'cancelled'
             -- Requests that already lost earlier draws keep their waiting time as not_selected.
             WHEN s.kind = 'entry' AND s.waiting_since < s.closes_at - interval '1 day' AND s.u_status < 0.6 THEN 'not_selected'
             ELSE 'requested'
           END,
           s.port_id,
           -- 30% alone, 30% pairs, 20% threes, 20% fours: 2.3 travelers on average.
           CASE WHEN s.u_size < 0.3 THEN 1 WHEN s.u_size < 0.6 THEN 2 WHEN s.u_size < 0.8 THEN 3 ELSE 4 END,
           'es',
           'bench-token-' || s.n,
           '["bench"]'::jsonb,
           jsonb_build_object('inside', true, 'latitude', 28.7, 'longitude', -100.5, 'capturedAt', s.created_at),
           -- 80% any day; else this day, this day or the next, or only the next (placed last).
           CASE
             WHEN s.u_pref < 0.10 THEN jsonb_build_array(${date}::text)
             WHEN s.u_pref < 0.15 THEN jsonb_build_array(${date}::text, ${otherDate}::text)
             WHEN s.u_pref < 0.20 THEN jsonb_build_array(${otherDate}::text)
           END,
           s.waiting_since,
           s.created_at,
           s.created_at
    FROM (
      SELECT w.*, CASE WHEN w.kind = 'late' THEN w.closes_at + w.u_wait * interval '5 hours' + interval '1 second'
                       ELSE w.waiting_since0 END AS waiting_since,
                  CASE WHEN w.kind = 'late' THEN w.closes_at + w.u_wait * interval '5 hours' + interval '1 second'
                       ELSE w.waiting_since0 END AS created_at
      FROM (
        SELECT g.n, r.port_id, r.closes_at, r.kind,
               ${fraction("size", n)} AS u_size,
               ${fraction("pref", n)} AS u_pref,
               ${fraction("status", n)} AS u_status,
               ${fraction("wait", n)} AS u_wait,
               CASE
                 -- Past REQUEST_EXPIRY_DAYS (30): expireStale has not run yet, the draw must skip them.
                 WHEN r.kind = 'stale' THEN r.closes_at - interval '31 days' - ${fraction("wait", n)} * interval '5 days'
                 -- Spread over the 30 days before the window closed, inside the expiry limit.
                 ELSE r.closes_at - interval '1 second' - ${fraction("wait", n)} * interval '29 days 23 hours'
               END AS waiting_since0
        FROM generate_series(1, ${total}::int) AS g(n)
        JOIN ${rangesValues(ranges)} ON g.n BETWEEN r.lo AND r.hi
      ) w
    ) s`);
}

/**
 * One statement for every traveler. Person keys are unique (md5 of the series number and
 * position) except the duplicates' first traveler, who takes request n - 1's. The partial unique
 * index allows one *active* row per person, so the repeated traveler is stored inactive; the
 * runner reads person keys whatever `active` says, which is what its duplicate rule is for.
 */
export async function insertTravelers(db: Executor, ranges: RequestRange[]): Promise<void> {
  const n = sql`g.n`;
  await db.execute(sql`
    INSERT INTO travelers (appointment_id, position, given_names, family_names, date_of_birth, sex,
                           nationality, country_of_birth, preferred_language, person_key, active)
    SELECT a.id, p.position,
           'Nombre ' || g.n || '-' || p.position,
           'Apellido ' || g.n,
           date '1960-01-01' + (hashtext('dob:' || g.n || ':' || p.position)::bigint & 16383)::int,
           CASE WHEN p.position % 2 = 0 THEN 'F' ELSE 'M' END,
           'VE', 'VE', 'es',
           CASE WHEN d.dup AND p.position = 1 THEN md5('bench-person:' || (g.n - 1) || ':1')
                ELSE md5('bench-person:' || g.n || ':' || p.position) END,
           a.status <> 'cancelled' AND NOT (d.dup AND p.position = 1)
    FROM generate_series(1, ${Math.max(...ranges.map((r) => r.hi))}::int) AS g(n)
    JOIN ${rangesValues(ranges)} ON g.n BETWEEN r.lo AND r.hi
    JOIN appointments a ON a.id = md5('bench-appointment:' || g.n)::uuid
    CROSS JOIN LATERAL (SELECT ${isDuplicate(n)} AS dup) d
    CROSS JOIN LATERAL generate_series(1, a.traveler_count::int) AS p(position)`);
}
