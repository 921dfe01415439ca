"use client";
import { useEffect, useState } from "react";
import { loadPhoto } from "@/lib/scheduling/client/draft-store";

/**
 * The travelers' photos as object URLs for thumbnails, and which travelers have one; null until
 * read from the device. Each URL holds the decrypted photo in memory: revoked when the travelers
 * change or the page goes.
 */
export function useDraftPhotos(travelerIds: string[] | undefined): ReadonlyMap<string, string> | null {
  const [urls, setUrls] = useState<ReadonlyMap<string, string> | null>(null);
  const key = travelerIds?.join("|");

  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    const made: string[] = [];
    Promise.all(key.split("|").filter(Boolean).map(async (id) => [id, await loadPhoto(id)] as const)).then((photos) => {
      if (!live) return;
      const found = new Map<string, string>();
      for (const [id, blob] of photos) {
        if (!blob) continue;
        const url = URL.createObjectURL(blob);
        made.push(url);
        found.set(id, url);
      }
      setUrls(found);
    });
    return () => {
      live = false;
      for (const url of made) URL.revokeObjectURL(url);
    };
  }, [key]);

  return urls;
}
