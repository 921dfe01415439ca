import "server-only";
/**
 * The client's network address as the Puerta server (server.mjs) saw it: it sets this header from
 * the socket, or from X-Forwarded-For when TRUST_PROXY_HOPS says proxies stand in front, and drops
 * any copy a client sent. Used only as a rate-limit bucket, hashed, never stored or logged.
 */
export const CLIENT_ADDRESS_HEADER = "x-puerta-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
