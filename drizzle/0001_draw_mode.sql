CREATE TABLE "draws" (
	"port_id" text NOT NULL,
	"date" date NOT NULL,
	"seed" text NOT NULL,
	"commitment" text NOT NULL,
	"entries_hash" text,
	"status" text NOT NULL,
	"publication" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"frozen_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	CONSTRAINT "draws_port_id_date_pk" PRIMARY KEY("port_id","date")
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "preferred_dates" jsonb;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "confirm_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "draw_entry_id" text;--> statement-breakpoint
ALTER TABLE "ports" ADD COLUMN "draw_window_opens" text;--> statement-breakpoint
ALTER TABLE "ports" ADD COLUMN "draw_window_closes" text;--> statement-breakpoint
ALTER TABLE "ports" ADD COLUMN "draw_time" text;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_port_id_ports_id_fk" FOREIGN KEY ("port_id") REFERENCES "public"."ports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_port_status" ON "appointments" USING btree ("port_id","status");