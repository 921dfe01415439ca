"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { emptyDraft, type Draft } from "@/lib/scheduling/client/draft";
import { loadDraft, saveDraft } from "@/lib/scheduling/client/draft-store";

/**
 * The draft for a step: null until read from the device, then saved on every change so that
 * moving between steps, reloading or closing the tab loses nothing.
 */
export function useDraft() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const latest = useRef<Draft | null>(null);

  useEffect(() => {
    let live = true;
    loadDraft().then((loaded) => {
      if (!live) return;
      latest.current = loaded;
      setDraft(loaded);
    });
    return () => {
      live = false;
    };
  }, []);

  const update = useCallback(async (change: (draft: Draft) => Draft) => {
    if (!latest.current) return;
    const next = change(latest.current);
    latest.current = next;
    setDraft(next);
    await saveDraft(next);
  }, []);

  return { draft, update };
}

/**
 * The draft for steps that can show their page before the saved answers are read: rendered at
 * once with no answers (so the text is in the server's HTML and paints before any script runs),
 * then filled in.
 */
export function useDraftOrEmpty() {
  const { draft, update } = useDraft();
  return { draft: draft ?? emptyDraft(), update };
}
