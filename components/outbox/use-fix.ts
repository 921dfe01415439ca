"use client";
import { useState } from "react";
import type { OutboxEntry } from "@/lib/offline/client/outbox";
import { restoreToDraft, type RestoreResult } from "@/lib/offline/client/restore";
import { useRouter } from "@/lib/shared/i18n/navigation";

/** "Check and send again": the refused application's answers come back as the draft, on "Check". */
export function useFix() {
  const router = useRouter();
  const [problem, setProblem] = useState<Exclude<RestoreResult, "restored"> | null>(null);
  const fix = async (id: string) => {
    const result = await restoreToDraft(id);
    if (result === "restored") router.push("/book/check");
    else setProblem(result);
  };
  return { fix, problem };
}

/**
 * The button of a refused application: "Check and send again", except for a person who already
 * has an appointment, where nothing in the answers is to be fixed (the check step says what to do).
 */
export const fixLabel = (entry: OutboxEntry) => (entry.failure?.code === "traveler_already_booked" ? "seeWhatToDo" : "fix");
