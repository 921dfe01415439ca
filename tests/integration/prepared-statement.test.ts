import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db/connection";
import { sqlState } from "@/lib/server/log/database-error-fields";
import { preparedStatement } from "@/lib/server/db/prepared";
import { freshDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database?.close());

describe("preparedStatement", () => {
  it("fills its placeholders and answers the rows", async () => {
    const divide = preparedStatement(database.db, "test_divide", () => sql`SELECT 12 / ${sql.placeholder("by")}::int AS quotient`);
    expect(await divide.execute(database.db, { by: 4 })).toEqual([{ quotient: 3 }]);
    expect(await divide.execute(database.db, { by: 3 })).toEqual([{ quotient: 4 }]);
  });

  // A booking's write is refused by constraints as a matter of course (seats gone, a repeat): on
  // PostgreSQL such a refusal must not cost the pool its connection, or a rush would start a new
  // server backend for every one.
  it("keeps its connection after an SQL error, which it passes on", async () => {
    const divide = preparedStatement(database.db, "test_divide_by", () => sql`SELECT 1 / ${sql.placeholder("by")}::int AS quotient`);
    const backend = preparedStatement(database.db, "test_backend", () => sql`SELECT pg_backend_pid() AS pid`);
    const [before] = await backend.execute<{ pid: number }>(database.db, {});

    for (let i = 0; i < 3; i++) {
      const error = await divide.execute(database.db, { by: 0 }).then(() => null, (e: unknown) => e);
      expect(sqlState(error)).toBe("22012"); // division_by_zero
    }

    const [after] = await backend.execute<{ pid: number }>(database.db, {});
    expect(after.pid).toBe(before.pid);
    expect(await divide.execute(database.db, { by: 1 })).toEqual([{ quotient: 1 }]);
  });
});
