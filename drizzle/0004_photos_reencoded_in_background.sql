ALTER TABLE "photos" ALTER COLUMN "jpeg" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "status" text DEFAULT 'ready' NOT NULL;--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "upload" "bytea";--> statement-breakpoint
CREATE INDEX "photos_pending" ON "photos" USING btree ("appointment_id","position") WHERE "photos"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_bytes_match_status" CHECK (("photos"."status" = 'ready' AND "photos"."jpeg" IS NOT NULL AND "photos"."upload" IS NULL) OR ("photos"."status" = 'pending' AND "photos"."jpeg" IS NULL AND "photos"."upload" IS NOT NULL) OR ("photos"."status" = 'unreadable' AND "photos"."jpeg" IS NULL AND "photos"."upload" IS NULL));--> statement-breakpoint
-- JPEG bytes do not compress: stored out of line as they are, without PostgreSQL trying first.
ALTER TABLE "photos" ALTER COLUMN "jpeg" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "photos" ALTER COLUMN "upload" SET STORAGE EXTERNAL;
