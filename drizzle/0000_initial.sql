CREATE TABLE "appointment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appointment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"slot_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"secret_hash" "bytea" NOT NULL,
	"status" text NOT NULL,
	"port_id" text NOT NULL,
	"slot_id" text,
	"traveler_count" smallint NOT NULL,
	"locale" text NOT NULL,
	"token" text NOT NULL,
	"contact" jsonb,
	"attestations" jsonb NOT NULL,
	"eligibility" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"status" smallint,
	"response" "bytea",
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"appointment_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"jpeg" "bytea" NOT NULL,
	CONSTRAINT "photos_appointment_id_position_pk" PRIMARY KEY("appointment_id","position")
);
--> statement-breakpoint
CREATE TABLE "ports" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"state" text NOT NULL,
	"time_zone" text NOT NULL,
	"mode" text NOT NULL,
	"address" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_limits_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "slot_templates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"port_id" text NOT NULL,
	"weekdays" smallint[] NOT NULL,
	"opens" text NOT NULL,
	"closes" text NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" text PRIMARY KEY NOT NULL,
	"port_id" text NOT NULL,
	"date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "slots_booked_within_capacity" CHECK ("slots"."booked" >= 0 AND "slots"."booked" <= "slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "travelers" (
	"appointment_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"given_names" text NOT NULL,
	"family_names" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" text NOT NULL,
	"nationality" text NOT NULL,
	"country_of_birth" text NOT NULL,
	"preferred_language" text,
	"document" jsonb,
	"person_key" text NOT NULL,
	"active" boolean NOT NULL,
	CONSTRAINT "travelers_appointment_id_position_pk" PRIMARY KEY("appointment_id","position")
);
--> statement-breakpoint
ALTER TABLE "appointment_events" ADD CONSTRAINT "appointment_events_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_port_id_ports_id_fk" FOREIGN KEY ("port_id") REFERENCES "public"."ports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_templates" ADD CONSTRAINT "slot_templates_port_id_ports_id_fk" FOREIGN KEY ("port_id") REFERENCES "public"."ports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_port_id_ports_id_fk" FOREIGN KEY ("port_id") REFERENCES "public"."ports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travelers" ADD CONSTRAINT "travelers_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_events_appointment" ON "appointment_events" USING btree ("appointment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_code" ON "appointments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "appointments_slot" ON "appointments" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "slots_port_date" ON "slots" USING btree ("port_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "travelers_one_active_per_person" ON "travelers" USING btree ("person_key") WHERE "travelers"."active";