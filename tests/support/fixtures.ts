import { randomBytes } from "node:crypto";
import sharp from "sharp";

const LETTERS = "abcdefghijklmnopqrstuvwxyzáéíñóúü";

/** A name no other test uses: the one-appointment-per-person rule spans the whole database. */
function uniqueName(prefix = "Test"): string {
  const bytes = randomBytes(10);
  return `${prefix} ${Array.from(bytes, (b) => LETTERS[b % LETTERS.length]).join("")}`;
}

export function traveler(overrides: Record<string, unknown> = {}) {
  return {
    givenNames: uniqueName("María"),
    familyNames: "Pérez",
    dateOfBirth: "1990-05-17",
    sex: "F",
    nationality: "HND",
    countryOfBirth: "HND",
    preferredLanguage: "es",
    ...overrides,
  };
}

/** Tijuana, just now: inside the default eligible area. */
function tijuana(now = new Date()) {
  return { latitude: 32.51, longitude: -117.04, accuracy: 25, capturedAt: now.toISOString() };
}

export function application(overrides: Record<string, unknown> = {}) {
  return {
    portId: "san-ysidro",
    locale: "es",
    travelers: [traveler()],
    contact: { phone: "+52 664 123 4567" },
    attestations: ["in_mexico", "information_true", "appointment_free"],
    location: tijuana(),
    ...overrides,
  };
}

let photoCache: Buffer | undefined;

/** A real phone-sized JPEG (a noisy gradient, so it compresses like a photo, about 100 KB). */
export async function phonePhoto(): Promise<Buffer> {
  if (photoCache) return photoCache;
  const width = 720;
  const height = 960;
  const pixels = Buffer.alloc(width * height * 3);
  const noise = randomBytes(pixels.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = ((i / 3) % width) * 0.2 + (noise[i] % 64) + 60;
  photoCache = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 75 }).toBuffer();
  return photoCache;
}

export function idempotencyKey(): string {
  return randomBytes(18).toString("base64url");
}
