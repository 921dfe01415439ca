"use client";
import { useState } from "react";
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
