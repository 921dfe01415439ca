import { defineConfig } from "drizzle-kit";

// Migrations are generated from lib/server/db/schema.ts (`npm run db:generate`), committed, and applied
// at start by drizzle's migrator: the same files for PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/server/db/schema.ts",
  out: "./drizzle",
});
