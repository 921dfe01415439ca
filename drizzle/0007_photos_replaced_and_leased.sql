-- A traveler's photo can be replaced (PUT /api/v1/appointments/{code}/travelers/{index}/photo):
-- `version` counts the photos sent, and the background worker stores its result only for the
-- version it decoded. `leased_until`: the worker takes pending photos for a while instead of
-- holding their rows locked while it decodes (lib/photos/server/pending.ts). A constant default:
-- PostgreSQL 11+ adds the column without rewriting the table.
ALTER TABLE "photos" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "leased_until" timestamp with time zone;
