/// <reference lib="webworker" />
/**
 * What the build writes into the service worker (scripts/build-sw.ts, through esbuild `define`):
 * the shared static files for every language, and each language's pages, with their revisions.
 */
export type PrecacheEntry = { url: string; revision: string | null };

declare const __PUERTA_STATIC__: PrecacheEntry[];
declare const __PUERTA_PAGES__: Record<string, PrecacheEntry[]>;
declare const __PUERTA_BUILD__: string;

export const staticFiles: PrecacheEntry[] = __PUERTA_STATIC__;
export const pagesByLocale: Record<string, PrecacheEntry[]> = __PUERTA_PAGES__;
/** Changes whenever any page of any language changes: names this version's page cache. */
export const buildVersion: string = __PUERTA_BUILD__;

export const locales = Object.keys(pagesByLocale);
