// Plain JavaScript: server.mjs imports it before Next.js (and TypeScript) are in play.

/**
 * The client's address: the socket's own when no proxy is trusted (any X-Forwarded-For the client
 * sent is ignored, so nobody picks their own rate-limit bucket); with N trusted proxies, the
 * address the outermost of them saw, N entries from the right of X-Forwarded-For.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {number} trustedHops
 * @returns {string}
 */
export function resolveClientAddress(socketAddress, forwardedFor, trustedHops) {
  const own = socketAddress ?? "unknown";
  if (trustedHops === 0) return own;
  const chain = [forwardedFor ?? ""].flat().join(",").split(",").map((s) => s.trim()).filter(Boolean);
  return chain[chain.length - trustedHops] ?? own;
}
