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

  /** The body for one request: the application JSON, then photo `photoIndexes[i]` as `photo.i`. */
  build(applicationJson: string, photoIndexes: number[]): Buffer {
    const parts: Buffer[] = [this.applicationHead, Buffer.from(applicationJson)];
    photoIndexes.forEach((photo, position) => parts.push(this.photoParts[position][photo]));
    parts.push(this.closing);
    return Buffer.concat(parts);
  }
}
