import "server-only";
import { z } from "zod";
import { heaviestBody } from "@/lib/server/http/body-sizes";
import { ByteBudget } from "@/lib/server/http/byte-budget";

/**
 * Every setting Puerta reads from its environment, validated once. A bad value stops the app at
 * start with a message that names the variable, instead of failing later on some request.
 */
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: integer(1, 65535).default(3000),
  // Absent or empty: the embedded PGlite database in PUERTA_DATA_DIR.
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_SIZE: integer(1, 200).default(20),
  // Applications one process decides at once, once their bodies are in; the rest wait in line.
  // Few, because it is CPU-bound work: a hundred requests interleaved each finish late, while a
  // few at a time finish one after another, with more of them done per second and a shorter tail.
  SUBMISSION_CONCURRENCY: integer(1, 1000).default(4),
  PUERTA_DATA_DIR: z.string().min(1).default("./.data"),
  // Writes (POST, DELETE) a client may make per minute; 0 turns the limit off. Generous by default
  // because shelters and mobile carriers put many people behind one address.
  RATE_LIMIT_PER_MINUTE: integer(0, 1_000_000).default(120),
  // How many reverse proxies in front of the app append to X-Forwarded-For; 0 = clients connect
  // directly and any X-Forwarded-For they send is ignored.
  TRUST_PROXY_HOPS: integer(0, 10).default(0),
  // The largest booking body, plain (sealed: 4/3 of it, lib/server/http/body-sizes.ts). 6 MiB:
  // four times the most the app sends (ten travelers, each a 640 px JPEG the app compresses
  // toward 70 KB and never far above 150 KB: ~1.5 MB), and room for a tool that sends larger
  // photos (a 1080p webcam JPEG is ~0.3-0.6 MB). Every admitted byte is read, parsed and, sealed,
  // decrypted on the process's one thread, so the limit bounds what a client sending bodies at it
  // takes from everyone else's bookings. A declared length over it is refused 413 before a byte
  // is read, streamed bodies as soon as they pass it.
  MAX_BODY_BYTES: integer(1024, 200 * 1024 * 1024).default(6 * 1024 * 1024),
  // Bytes of request bodies one process holds in memory at once; a body that does not fit is
  // answered 503 with Retry-After before it is read (lib/server/http/memory-budget.ts). 128 MiB:
  // bodies over 4 MiB (lib/server/http/byte-budget.ts) share one half, and that half must take
  // the largest application MAX_BODY_BYTES allows, sealed (8 MiB sealed + 6 MiB opened, 14 MiB);
  // the other half holds hundreds of the app's bookings in flight at once (0.1–1.5 MB each, 2.3
  // times that counted sealed), far more than one process decides in the seconds they are held.
  // Stalled uploads, however many, hold at most the large half, beside the process's own memory
  // (on PostgreSQL; the embedded PGlite adds its database's).
  BODY_MEMORY_BUDGET_BYTES: integer(1024 * 1024, 16 * 1024 * 1024 * 1024).default(128 * 1024 * 1024),
  // On SIGTERM, how long the requests in flight may take to finish before the process stops
  // anyway, and again how long the database may take to close. 10 s by default: a booking takes
  // well under a second even in a rush, and orchestrators commonly kill 30 s after SIGTERM.
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),
  // The least severe log line written: "info" (start-up, draws, purges, refusals by code), "warn"
  // (our own 503s and retries) or "error". Lines never carry personal data at any level
  // (lib/server/log); a busy deployment may keep only warnings and errors.
  LOG_LEVEL: z.enum(["info", "warn", "error"]).default("info"),
  // The eligible area as a path to a GeoJSON file; absent: Mexico north of the 19th parallel.
  PUERTA_ELIGIBLE_AREA_FILE: z.string().min(1).optional(),
  // How old the device's location reading may be when the application arrives. Long by default:
  // applications are filled offline and may wait in the queue for a signal.
  LOCATION_MAX_AGE_HOURS: integer(1, 24 * 30).default(72),
  // Comma-separated ids of the statements every applicant attests (shown from messages/). Absent:
  // the booking app's own list, which the eligibility domain supplies
  // (lib/eligibility/server/attestations.ts): the platform knows no domain.
  PUERTA_ATTESTATIONS: z
    .string()
    .optional()
    .transform((v) => v?.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9_]{1,64}$/)).min(1).optional()),
  // Days before the first bookable day a slot opens (1 = from tomorrow) and the last bookable day.
  BOOKING_FIRST_DAY: integer(0, 30).default(1),
  BOOKING_HORIZON_DAYS: integer(1, 90).default(14),
  // Days personal data is kept after the appointment's date, a cancellation or an expiry.
  RETENTION_DAYS: integer(1, 3650).default(30),
  // Days an Idempotency-Key and its stored response are kept.
  IDEMPOTENCY_RETENTION_DAYS: integer(1, 365).default(7),
  // Days between a draw and the day of the seats it gives out: requests for day D are drawn on the
  // evening of D - DRAW_LEAD_DAYS. 2 by default so that the confirmation window (below) ends the
  // day before the appointment, not after it.
  DRAW_LEAD_DAYS: integer(1, 14).default(2),
  // Hours a person allocated a seat by a draw has to confirm it; unconfirmed seats then go back to
  // the next draw. 23 (not 24) so the deadline falls before the same evening's next draw.
  CONFIRM_WINDOW_HOURS: integer(1, 24 * 7).default(23),
  // Days a draw request keeps entering the daily draws (keeping its waiting time) before it expires.
  REQUEST_EXPIRY_DAYS: integer(1, 365).default(30),
  // Share of a draw's seats given to the longest-waiting requests first, the rest at random. Half
  // by default: waiting counts, yet a newcomer still has a real chance.
  DRAW_LONGEST_WAITING_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  // Private keys as JWK JSON (P-256). The deployment's keys live in its database, one set for every
  // instance (lib/server/crypto/deployment-keys.ts): absent, an instance uses the database's (the
  // first start stores new ones); set, it must be the database's key or the instance refuses to
  // start, naming the setting. On an empty database the first instance stores the configured one.
  PUERTA_SIGNING_JWK: z.string().optional(),
  PUERTA_SEALING_JWK: z.string().optional(),
  // Keyed hash secret for matching the same person across appointments without storing names in
  // an index. Like the keys above: absent, the database's; set, it must be the database's.
  PUERTA_PEPPER: z.string().min(32).optional(),
  PUERTA_DEMO_DATA: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  // Days unsent answers stay on a phone. Built into the browser bundle (lib/client/config/env.ts
  // reads it there); checked here too so that a bad value stops the server at start, by name,
  // rather than quietly falling back to 30 days on every phone.
  NEXT_PUBLIC_DRAFT_EXPIRY_DAYS: integer(1, 3650).optional(),
}).superRefine((env, context) => {
  // A body the size limit allows but the budget never could take would be answered 503 for ever,
  // and the phone's outbox would retry it for ever.
  const needed = heaviestBody(env.MAX_BODY_BYTES);
  if (!new ByteBudget(env.BODY_MEMORY_BUDGET_BYTES).admits(needed)) {
    context.addIssue({
      code: "custom",
      path: ["BODY_MEMORY_BUDGET_BYTES"],
      message: `must be at least ${2 * needed} for MAX_BODY_BYTES=${env.MAX_BODY_BYTES}: half of it must hold the largest application, sealed (${needed} bytes)`,
    });
  }
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Puerta cannot start: invalid configuration\n${lines.join("\n")}`);
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
