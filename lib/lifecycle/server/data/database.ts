import "server-only";
// The lifecycle's only reach into the database: opening it at start (migrations included),
// closing it at shutdown and the health check's ping. Kept in data/ like every other domain's
// database access.
export { closeDatabase, getDatabase } from "@/lib/server/db/database";
export { databaseAnswers } from "@/lib/server/db/ping";
