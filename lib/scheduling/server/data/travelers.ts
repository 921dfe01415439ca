import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/server/db/database";
import { travelers } from "@/lib/server/db/schema";

/** Which of these person keys hold an active appointment now. */
export async function activePersonKeys(personKeys: string[]): Promise<Set<string>> {
  const db = await getDb();
  const booked = await db
    .select({ personKey: travelers.personKey })
    .from(travelers)
    .where(and(eq(travelers.active, true), inArray(travelers.personKey, personKeys)));
  return new Set(booked.map((row) => row.personKey));
}
