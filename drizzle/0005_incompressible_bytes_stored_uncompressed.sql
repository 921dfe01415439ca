-- Photos (JPEG) and sealed (AES-GCM) responses do not compress. With the default storage
-- (EXTENDED) PostgreSQL runs pglz over a value too big to keep inline, and gives up early only
-- when the first KB holds no repeat: a JPEG with a JFIF header (what the background re-encode
-- writes) is compressed all the way and then stored as it was. On PostgreSQL 15 here that attempt
-- cost 0.6 ms of backend CPU per 50 KB photo (0.9 against 0.3 ms an insert). EXTERNAL: out of
-- line, never compressed.
ALTER TABLE "photos" ALTER COLUMN "jpeg" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "photos" ALTER COLUMN "upload" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ALTER COLUMN "response" SET STORAGE EXTERNAL;
