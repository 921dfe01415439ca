import "server-only";
import { cacheableJsonNow, type PlainAnswer } from "./cacheable-json";

/** What a request carries that a held answer depends on. */
type EdgeRequest = { acceptEncoding?: string; ifNoneMatch?: string };

type Offers = { availability?: (portId: string, from: string, to: string, request: EdgeRequest) => PlainAnswer | undefined };

/** A route's held JSON body for the path's parts, or undefined when it would have to compute. */
type HeldJson = (portId: string, from: string, to: string) => Uint8Array<ArrayBuffer> | undefined;

// On globalThis: server.mjs (plain JavaScript, outside Next.js's bundles) reads it in
// edge-answers.mjs, and the route's bundle, which holds the memo, writes it.
const holder = globalThis as typeof globalThis & { __puertaEdgeOffers?: Offers };

/**
 * Lets server.mjs answer a route's requests itself while the route holds a current answer
 * (edge-answers.mjs), with the bytes and headers the route's `cacheableJson` would send: `held`
 * must be synchronous, cheap, and undefined whenever the route would have to compute, check or
 * wait, which it then does for that request as usual.
 */
export function offerAtEdge(route: keyof Offers, held: HeldJson, cacheControl: string): void {
  const answer: NonNullable<Offers[typeof route]> = (portId, from, to, request) => {
    const body = held(portId, from, to);
    return body && cacheableJsonNow(request, body, cacheControl);
  };
  holder.__puertaEdgeOffers = { ...holder.__puertaEdgeOffers, [route]: answer };
}
