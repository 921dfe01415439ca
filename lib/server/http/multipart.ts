import "server-only";
/**
 * multipart/form-data (RFC 7578) read from a body already in memory (it was read with a size
 * limit). Written for the booking request, where the platform's `Response.formData()` wraps every
 * photo in a Blob only to copy it out again; this is a handful of `indexOf` calls over the bytes,
 * and each part's content is a view, never a copy.
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

  // The first delimiter opens the body, or follows a preamble (which may be empty: a bare CRLF).
  const opensBody = bytes.subarray(0, delimiter.length).equals(delimiter);
  const afterPreamble = opensBody ? -1 : bytes.indexOf(between);
  if (!opensBody && afterPreamble === -1) return null;
  let at = opensBody ? delimiter.length : afterPreamble + between.length;

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
  const [type, ...parameters] = splitParameters(line.slice(line.indexOf(":") + 1));
  if (type.trim().toLowerCase() !== "form-data") return null;
  let name: string | undefined;
  let filename: string | undefined;
  for (const parameter of parameters) {
    const equals = parameter.indexOf("=");
    if (equals === -1) continue;
    const key = parameter.slice(0, equals).trim().toLowerCase();
    let value = parameter.slice(equals + 1).trim();
    // Browsers quote values and escape a quote inside as %22 (WHATWG HTML): no backslash escapes.
    if (value.startsWith('"')) {
      if (value.length < 2 || !value.endsWith('"')) return null;
      value = value.slice(1, -1);
    }
    const decoded = Buffer.from(value, "latin1").toString("utf8");
    if (key === "name") name ??= decoded;
    if (key === "filename") filename ??= decoded;
  }
  if (name === undefined) return null;
  return filename === undefined ? { name } : { name, filename };
}

/** A header value split at each `;` outside double quotes. */
function splitParameters(value: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '"') quoted = !quoted;
    else if (value[i] === ";" && !quoted) {
      pieces.push(value.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(value.slice(start));
  return pieces;
}
