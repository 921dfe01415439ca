/**
 * multipart/form-data (RFC 7578) read from a body already in memory (it was read with a size
 * limit). Written for the booking request, where the platform's `Response.formData()` cost
 * ~0.5 ms of CPU a request, wrapping every photo in a Blob only to copy it out again; this is a
 * handful of `indexOf` calls over the bytes, and each part's content is a view, never a copy.
 *
 * Strict, because clients are ours or follow the contract: CRLF line ends, a closing delimiter,
 * and a Content-Disposition of `form-data` with a name on every part. Anything else is `null`
 * (answered as malformed_request).
 */

export type MultipartPart = {
  name: string;
  /** Present (possibly empty) when the part was sent as a file. */
  filename?: string;
  data: Uint8Array;
};

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
// Headers of one part: Content-Disposition and Content-Type fit easily; more is abuse.
const MAX_HEADER_BYTES = 2048;
const MAX_PARTS = 32;

/** The boundary parameter of a multipart/form-data Content-Type, or null. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^\s*multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

export function parseMultipart(body: Uint8Array, contentType: string): MultipartPart[] | null {
  const boundary = multipartBoundary(contentType);
  if (boundary === null) return null;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  // Between parts the delimiter follows a line end; the first may open the body (no preamble).
  const between = Buffer.concat([CRLF, delimiter]);

  let at = bytes.subarray(0, delimiter.length).equals(delimiter) ? 0 : bytes.indexOf(between);
  if (at === -1) return null;
  at += at === 0 ? delimiter.length : between.length;

  const parts: MultipartPart[] = [];
  for (;;) {
    // After a delimiter: "--" closes the body, CRLF opens a part.
    if (bytes[at] === 0x2d && bytes[at + 1] === 0x2d) return parts;
    if (bytes[at] !== 0x0d || bytes[at + 1] !== 0x0a || parts.length === MAX_PARTS) return null;
    const headersStart = at + 2;
    const headersEnd = bytes.indexOf(HEADER_END, headersStart);
    if (headersEnd === -1 || headersEnd - headersStart > MAX_HEADER_BYTES) return null;
    const disposition = readDisposition(bytes.toString("latin1", headersStart, headersEnd));
    if (disposition === null) return null;
    const contentStart = headersEnd + HEADER_END.length;
    const contentEnd = bytes.indexOf(between, contentStart);
    if (contentEnd === -1) return null;
    parts.push({ ...disposition, data: bytes.subarray(contentStart, contentEnd) });
    at = contentEnd + between.length;
  }
}

/** Name and filename from a part's headers (latin1 here, so that UTF-8 names decode exactly once). */
function readDisposition(headers: string): { name: string; filename?: string } | null {
  const line = headers.split("\r\n").find((h) => /^content-disposition\s*:/i.test(h));
  if (!line) return null;
  const value = line.slice(line.indexOf(":") + 1).trim();
  if (!/^form-data\s*(;|$)/i.test(value)) return null;
  const name = parameter(value, "name");
  if (name === undefined) return null;
  const filename = parameter(value, "filename");
  return filename === undefined ? { name } : { name, filename };
}

function parameter(value: string, key: string): string | undefined {
  // Browsers quote names and escape a quote inside as %22 (WHATWG HTML), so a quoted value never
  // holds one; `name=` must not match the end of `filename=`.
  const match = new RegExp(`;\\s*${key}=(?:"([^"]*)"|([^\\s;"]+))`, "i").exec(value);
  if (!match) return undefined;
  return Buffer.from(match[1] ?? match[2], "latin1").toString("utf8");
}
