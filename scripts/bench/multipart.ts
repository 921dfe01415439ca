import { randomBytes } from "node:crypto";

/**
 * multipart/form-data bodies built from prepared bytes. The photos are the bulk of every request
 * (~100 KB each) and never change, so each photo's part (headers, bytes, trailing CRLF) is
 * built once per position (`photo.0` … `photo.N`); a request is then its small JSON part plus a
 * concatenation of ready buffers. Undici's FormData would re-walk and re-copy every Blob per
 * request, which costs the load generator CPU the server under test would otherwise get.
 */
export class MultipartBuilder {
  readonly contentType: string;
  private readonly boundary: string;
  private readonly photoParts: Buffer[][]; // [position][photo index]
  private readonly applicationHead: Buffer;
  private readonly closing: Buffer;

  constructor(photos: Buffer[], maxTravelers: number) {
    // Random and long: the boundary must not occur inside any part (the JPEGs are binary).
    this.boundary = `----puerta-bench-${randomBytes(16).toString("hex")}`;
    this.contentType = `multipart/form-data; boundary=${this.boundary}`;
    this.applicationHead = Buffer.from(
      `--${this.boundary}\r\nContent-Disposition: form-data; name="application"\r\nContent-Type: application/json\r\n\r\n`,
    );
    this.closing = Buffer.from(`\r\n--${this.boundary}--\r\n`);
    this.photoParts = Array.from({ length: maxTravelers }, (_, position) =>
      photos.map((jpeg, i) =>
        Buffer.concat([
          Buffer.from(
            `\r\n--${this.boundary}\r\nContent-Disposition: form-data; name="photo.${position}"; filename="photo-${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
          ),
          jpeg,
        ]),
      ),
    );
    for (const photo of photos) {
      if (photo.includes(this.boundary)) throw new Error("multipart boundary occurs in a photo");
    }
  }

  /**
   * The body for one request: the application JSON, then photo `photoIndexes[i]` as `photo.i`.
   * With `scratch` (from `scratchBuffer`), written into it and returned as a view of it: a client
   * that reuses one buffer for all its requests allocates nothing per request. Allocating ~130 KB
   * per request (400 a second) kept this process's garbage collector busy for a third of its CPU,
   * taken from the server under test. Safe because a client sends its next request only after the
   * response to the last one, which the server sends only once it has read the whole body.
   */
  build(applicationJson: string, photoIndexes: number[], scratch?: Buffer): Buffer {
    const parts = photoIndexes.map((photo, position) => this.photoParts[position][photo]);
    const size = this.applicationHead.length + Buffer.byteLength(applicationJson) + parts.reduce((sum, p) => sum + p.length, 0) + this.closing.length;
    if (!scratch || scratch.length < size) {
      return Buffer.concat([this.applicationHead, Buffer.from(applicationJson), ...parts, this.closing]);
    }
    let offset = this.applicationHead.copy(scratch, 0);
    offset += scratch.write(applicationJson, offset);
    for (const part of parts) offset += part.copy(scratch, offset);
    offset += this.closing.copy(scratch, offset);
    return scratch.subarray(0, offset);
  }

  /** A buffer for `build` that holds any body with up to `maxTravelers` photos and a 16 KB application. */
  scratchBuffer(): Buffer {
    const largestPhotos = this.photoParts.reduce((sum, byPhoto) => sum + Math.max(...byPhoto.map((p) => p.length)), 0);
    return Buffer.allocUnsafe(this.applicationHead.length + 16 * 1024 + largestPhotos + this.closing.length);
  }
}
