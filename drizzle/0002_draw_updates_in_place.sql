DROP INDEX "appointments_port_status";--> statement-breakpoint
CREATE INDEX "appointments_port" ON "appointments" USING btree ("port_id");