// Plain JavaScript: server.mjs imports it before Next.js (and TypeScript) are in play.

/**
 * A request's target with every path segment decodable. A segment whose percent-escapes do not
 * decode (`%ff%fe` is no UTF-8, `%zz` no escape, a lone `%`) gets its `%` escaped as `%25`: the app
 * then reads the segment as the literal text it is and answers it like any path that names nothing:
 * an API route with its own 404 in the API's error shape, a page with the "not found" page in the
 * person's language, both with the security headers. Left alone, Next.js fails decoding the path
 * and answers a text/plain 500 of its own, without those headers, which the phone's outbox would
 * retry for ever. Well-formed targets and queries (read without failing) are left as they are.
 * @param {string} target the request target as the client sent it (IncomingMessage#url)
 * @returns {string}
 */
export function decodableTarget(target) {
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const segments = path.split("/");
  if (segments.every(decodes)) return target;
  const query = queryAt === -1 ? "" : target.slice(queryAt);
  return segments.map((segment) => (decodes(segment) ? segment : segment.replaceAll("%", "%25"))).join("/") + query;
}

/** @param {string} segment */
function decodes(segment) {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
