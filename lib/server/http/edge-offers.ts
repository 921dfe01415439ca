import "server-only";
import type { PlainAnswer } from "./cacheable-json";

/** What a request carries that a held answer depends on. */
type EdgeRequest = { acceptEncoding?: string; ifNoneMatch?: string };

type Offers = { availability?: (portId: string, from: string, to: string, request: EdgeRequest) => PlainAnswer | undefined };

// On globalThis: server.mjs (plain JavaScript, outside Next.js's bundles) reads it in
// edge-answers.mjs, and the route's bundle, which holds the memo, writes it.
const holder = globalThis as typeof globalThis & { __puertaEdgeOffers?: Offers };

/**
 * Lets server.mjs answer a route's requests itself while the route holds a current answer
 * (edge-answers.mjs): `answer` must be synchronous, cheap, and undefined whenever the route would
 * have to compute, check or wait, which it then does for that request as usual.
 */
export function offerAtEdge<K extends keyof Offers>(route: K, answer: NonNullable<Offers[K]>): void {
  holder.__puertaEdgeOffers = { ...holder.__puertaEdgeOffers, [route]: answer };
}
