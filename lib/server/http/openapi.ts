import "server-only";
import { z } from "zod";
import type * as core from "zod/v4/core";
import { errorStatus, type ErrorCode } from "@/lib/shared/errors/codes";
import { applicationSchema, availabilityQuerySchema, confirmSchema, rescheduleSchema } from "@/lib/shared/schemas/application";
import {
  appointmentResponseSchema,
  appointmentSchema,
  availabilitySchema,
  bookingResponseSchema,
  drawStateSchema,
  errorResponseSchema,
  portSchema,
} from "@/lib/shared/schemas/responses";

const schema = (s: core.$ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "openapi-3.0" });

const jsonContent = (s: core.$ZodType) => ({ "application/json": { schema: schema(s) } });

function errors(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, "rate_limited", "internal_error"] as ErrorCode[]) {
    byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: list.join(", "), content: jsonContent(errorResponseSchema) },
    ]),
  );
}

/** The same multipart body, sealed on the device (lib/offline/client/seal.ts, opened by lib/server/http/sealed-body.ts). */
const sealedApplicationSchema = {
  type: "string",
  pattern: "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
  description:
    "A compact JWE whose plaintext is the multipart/form-data body above. Protected header: `alg` `ECDH-ES`, " +
    "`enc` `A256GCM` (nothing else is accepted, no `zip`), `kid` the sealing key's (the key with `use` `enc` " +
    "from GET /api/v1/keys), `cty` the multipart Content-Type with its boundary. Same validation, errors and " +
    "idempotency as the plain body: the repeat of an application is recognized by its content, sealed or not. " +
    "Size limit: 4/3 of the plain limit plus 8 KiB sealed, and the plain limit once opened (413). " +
    "Anything that cannot be opened: 400 `sealed_body_unreadable` (do not resend it).",
};

const bearer = [{ appointmentSecret: [] }];
const codeParam = { name: "code", in: "path", required: true, schema: { type: "string" } };

/** The OpenAPI document, built from the same zod schemas that validate requests. */
export function openApiDocument() {
  return {
    openapi: "3.0.3",
    info: { title: "Puerta public API", version: "1" },
    components: {
      securitySchemes: { appointmentSecret: { type: "http", scheme: "bearer" } },
    },
    paths: {
      "/api/health": { get: { responses: { 200: { description: "The app and its database answer" }, ...errors("service_unavailable") } } },
      "/api/live": { get: { responses: { 200: { description: "Liveness: the process serves requests (the database is not asked)" } } } },
      "/api/ready": {
        get: {
          responses: {
            200: { description: "Readiness: started, not shutting down, and the database answers" },
            ...errors("service_unavailable"),
          },
        },
      },
      "/api/v1/ports": {
        get: { responses: { 200: { description: "Ports", content: jsonContent(z.object({ ports: z.array(portSchema) })) } } },
      },
      "/api/v1/ports/{portId}/availability": {
        get: {
          parameters: [
            { name: "portId", in: "path", required: true, schema: { type: "string" } },
            ...Object.keys(availabilityQuerySchema.shape).map((name) => ({
              name,
              in: "query",
              required: true,
              schema: { type: "string", format: "date" },
            })),
            { name: "If-None-Match", in: "header", required: false, schema: { type: "string" }, description: "An ETag from an earlier answer: 304 if it still names the current one (weak comparison; lists and * accepted)" },
            { name: "Accept-Encoding", in: "header", required: false, schema: { type: "string" }, description: "gzip: the body compressed, with an ETag of its own" },
          ],
          responses: {
            200: {
              description: "Bookable slots per day",
              headers: {
                ETag: { description: "The answer's version: send it back as If-None-Match", schema: { type: "string" } },
                "Cache-Control": { description: "How long a copy may be shown (public: shared caches may keep it too)", schema: { type: "string" } },
                Vary: { description: "accept-encoding", schema: { type: "string" } },
              },
              content: jsonContent(availabilitySchema),
            },
            304: {
              description: "Not modified: the If-None-Match ETag still matches; no body",
              headers: {
                ETag: { description: "The current ETag", schema: { type: "string" } },
                "Cache-Control": { description: "As on the 200", schema: { type: "string" } },
                Vary: { description: "accept-encoding", schema: { type: "string" } },
              },
            },
            ...errors("port_not_found", "invalid_range"),
          },
        },
      },
      "/api/v1/appointments": {
        post: {
          parameters: [{ name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{16,128}$" } }],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["application", "photo.0"],
                  properties: {
                    application: schema(applicationSchema),
                    "photo.0": { type: "string", format: "binary", description: "JPEG, PNG or WebP; photo.1 … for each further traveler" },
                  },
                },
              },
              "application/jose": { schema: sealedApplicationSchema },
            },
          },
          responses: {
            201: { description: "Booked (first-come)", content: jsonContent(bookingResponseSchema) },
            202: {
              description: "Requested (draw port): status `requested` and `drawAt`, the draw this request enters, instead of a slot",
              content: jsonContent(bookingResponseSchema),
            },
            ...errors(
              "missing_idempotency_key", "invalid_idempotency_key", "malformed_request", "sealed_body_unreadable", "idempotency_key_reused",
              "validation_failed", "photo_missing", "photo_invalid", "port_not_found", "slot_not_found", "slot_full",
              "slot_closed", "traveler_already_booked", "outside_eligible_area", "payload_too_large", "unsupported_media_type",
            ),
          },
        },
      },
      "/api/v1/appointments/{code}": {
        get: {
          security: bearer,
          parameters: [codeParam],
          responses: {
            200: {
              description:
                "The appointment. Each traveler's `photo` (in every appointment answer): `pending` (received, being checked), `ready`, or " +
                "`needs_new` (its image data could not be read: send a new one with PUT …/travelers/{index}/photo); missing means `ready`",
              content: jsonContent(appointmentResponseSchema),
            },
            ...errors("appointment_not_found"),
          },
        },
        delete: {
          security: bearer,
          parameters: [codeParam],
          responses: {
            200: { description: "Cancelled; the seats are free at once", content: jsonContent(z.object({ appointment: appointmentSchema, status: z.literal("cancelled") })) },
            ...errors("appointment_not_found", "appointment_not_modifiable"),
          },
        },
      },
      "/api/v1/appointments/{code}/reschedule": {
        post: {
          security: bearer,
          parameters: [codeParam],
          requestBody: { required: true, content: jsonContent(rescheduleSchema) },
          responses: {
            200: { description: "Moved to the new slot", content: jsonContent(appointmentResponseSchema) },
            ...errors("appointment_not_found", "appointment_not_modifiable", "slot_not_found", "slot_full", "slot_closed", "validation_failed", "malformed_request", "unsupported_media_type"),
          },
        },
      },
      "/api/v1/appointments/{code}/confirm": {
        post: {
          security: bearer,
          parameters: [codeParam],
          requestBody: { required: false, content: jsonContent(confirmSchema) },
          responses: {
            200: {
              description: "Confirmed: the seats allocated by a draw are kept (confirming twice answers the same)",
              content: jsonContent(z.object({ appointment: appointmentSchema, status: z.literal("confirmed") })),
            },
            ...errors("appointment_not_found", "appointment_not_modifiable", "confirmation_window_closed", "validation_failed", "malformed_request", "unsupported_media_type"),
          },
        },
      },
      "/api/v1/appointments/{code}/travelers/{index}/photo": {
        put: {
          security: bearer,
          parameters: [
            codeParam,
            { name: "index", in: "path", required: true, schema: { type: "integer", minimum: 0 }, description: "The traveler's 0-based position" },
          ],
          requestBody: {
            required: true,
            description: "The image itself, within a booking photo's limits (size, pixels); its type is read from its bytes",
            content: Object.fromEntries(["image/jpeg", "image/png", "image/webp"].map((type) => [type, { schema: { type: "string", format: "binary" } }])),
          },
          responses: {
            200: {
              description:
                "The traveler's photo is replaced, whatever its state (most often `needs_new`), while the appointment is requested, " +
                "allocated or confirmed; it now shows `pending` (checked in the background) or `ready`. Idempotent: sending the same photo again is fine",
              content: jsonContent(appointmentResponseSchema),
            },
            ...errors(
              "appointment_not_found", "traveler_not_found", "appointment_not_active", "photo_invalid", "payload_too_large",
              "unsupported_media_type", "service_unavailable",
            ),
          },
        },
      },
      "/api/v1/draws/{portId}/{date}": {
        get: {
          parameters: [
            { name: "portId", in: "path", required: true, schema: { type: "string" } },
            { name: "date", in: "path", required: true, schema: { type: "string", format: "date" }, description: "The day of the slots the draw gives out (it runs the evening before)" },
          ],
          responses: {
            200: {
              description: "open: the seed's commitment; frozen: plus the entries' hash; drawn: the full publication (seed, entries, result)",
              content: jsonContent(drawStateSchema),
            },
            ...errors("port_not_found", "draw_not_found"),
          },
        },
      },
      "/api/v1/keys": { get: { responses: { 200: { description: "JWKS: the token-signing key (use sig) and the sealing key (use enc)" } } } },
    },
  };
}
