-- The deployment's keys (signing, sealing, pepper), one set for every instance on the database:
-- lib/server/crypto/deployment-keys.ts. Rotated keys stay, retired; one current key per purpose.
CREATE TABLE "deployment_keys" (
	"purpose" text NOT NULL,
	"kid" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "deployment_keys_purpose_kid_pk" PRIMARY KEY("purpose","kid")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deployment_keys_one_current" ON "deployment_keys" USING btree ("purpose") WHERE "deployment_keys"."retired_at" IS NULL;