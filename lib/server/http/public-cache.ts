import "server-only";

/**
 * The Cache-Control of a public answer (no person's data) that each process recomputes at most
 * once a second, as free times are (lib/scheduling/server/availability-cache.ts): any cache may
 * keep it, briefly.
 * - s-maxage=1: a CDN asks again once a second per URL, the rate the answer is recomputed at, so
 *   it adds at most a second of age.
 * - max-age=2: a browser or tool asking again within 2 s keeps its copy. The booking app itself
 *   always revalidates (lib/scheduling/client/api-client.ts), paying a 304 without a body.
 * - stale-while-revalidate=3: for 3 s more a cache may answer with its copy while it fetches the
 *   next, once, so a crowd neither waits on an expired entry nor reaches the origin together.
 * At worst an answer is ~7 s old (1 s memo, 1 s more while the next is computed under load, + 2 +
 * 3), usually under 2 s: little next to the tens of seconds between seeing a time and sending from
 * "Check your answers", over which any view ages anyway. The booking's write is the truth: a seat
 * gone meanwhile is refused with 409 slot_full and the nearest free alternatives.
 * Errors (404, 400) keep their `no-store`.
 */
export const BRIEFLY_PUBLIC = "public, max-age=2, s-maxage=1, stale-while-revalidate=3";
