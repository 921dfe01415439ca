"use client";
import { useEffect, useState } from "react";

/**
 * An object URL for a Blob, revoked when the Blob changes or the component goes away. The URL is an
 * outside resource with a lifetime, so an effect makes it and revokes it; made during render
 * instead (useMemo), StrictMode's second run of effects would revoke it and never make it again.
 */
export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return setUrl(null);
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}
