import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { getManifest } from "workbox-build";
import { locales } from "@/lib/shared/i18n/locales";

/**
 * Step two of `npm run build`, after `next build`: compiles lib/offline/service-worker/service-worker.ts into
 * public/sw.js with what it must store. Shared static files (scripts, styles, icons) are precached
 * on install; each language's prerendered pages are listed with a content revision and stored only
 * when that language is used (lib/offline/service-worker/locale-pages.ts).
 */
const ROOT = process.cwd();
const DIST = path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next");
const OUT = path.join(ROOT, "public", "sw.js");

type Entry = { url: string; revision: string | null };

const md5 = (file: string) => createHash("md5").update(readFileSync(file)).digest("hex");

/**
 * Next's legacy polyfills (`<script noModule>`): every browser with service workers runs modules
 * and never loads them, so storing them (about 110 KB) would only cost space.
 */
function noModuleScripts(): string[] {
  const html = readFileSync(path.join(DIST, "server", "app", `${locales[0]}.html`), "utf8");
  return [...html.matchAll(/<script[^>]*src="\/_next\/static\/([^"]+)"[^>]*noModule[^>]*>/g)].map((m) => m[1]);
}

async function staticFiles(): Promise<Entry[]> {
  const { manifestEntries, warnings } = await getManifest({
    globDirectory: path.join(DIST, "static"),
    // Source maps and build bookkeeping never reach a phone.
    globPatterns: ["**/*.{js,css,woff2,woff,svg,png,webp,ico}"],
    globIgnores: noModuleScripts(),
    modifyURLPrefix: { "": "/_next/static/" },
    // Next's file names carry their content hash: the URL is the revision.
    dontCacheBustURLsMatching: /^\/_next\/static\//,
    maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
  });
  const publicFiles = await getManifest({
    globDirectory: path.join(ROOT, "public"),
    globPatterns: ["icons/*.png"],
    modifyURLPrefix: { "": "/" },
  });
  const icon = { url: "/icon.svg", revision: md5(path.join(ROOT, "app", "icon.svg")) };
  for (const warning of [...warnings, ...publicFiles.warnings]) console.warn(`build-sw: ${warning}`);
  return [...manifestEntries, ...publicFiles.manifestEntries, icon].map(({ url, revision }) => ({ url, revision: revision ?? null }));
}

/**
 * Pages rendered per request (their content is live data, e.g. the port step's list of ports):
 * no HTML at build time, so no revision; each build's cache stores them once, when the language
 * is used, and the page refreshes its data from the API when it runs.
 */
const PER_REQUEST_PAGES = ["/book/port"];

function perRequestPages(locale: string): Entry[] {
  return PER_REQUEST_PAGES.map((page) => {
    const built = path.join(DIST, "server", "app", "[locale]", ...page.split("/").filter(Boolean), "page.js");
    if (!existsSync(built)) throw new Error(`build-sw: ${page} is listed as rendered per request but is not in the build (${built})`);
    return { url: `/${locale}${page}`, revision: null };
  });
}

/** `.next/server/app/es/book/eligibility.html` → `/es/book/eligibility`, with its content's hash. */
async function pagesOf(locale: string): Promise<Entry[]> {
  const appDir = path.join(DIST, "server", "app");
  const { manifestEntries } = await getManifest({
    globDirectory: appDir,
    globPatterns: [`${locale}.html`, `${locale}/**/*.html`],
  });
  const pages = manifestEntries.map(({ url, revision }) => ({ url: `/${url.replace(/\.html$/, "")}`, revision: revision ?? null }));
  pages.push(...perRequestPages(locale));
  if (!pages.some((p) => p.url === `/${locale}`)) throw new Error(`build-sw: no prerendered start page for ${locale} in ${appDir}`);
  const manifest = path.join(appDir, locale, "manifest.webmanifest.body");
  if (existsSync(manifest)) pages.push({ url: `/${locale}/manifest.webmanifest`, revision: md5(manifest) });
  return pages;
}

async function main() {
  if (!existsSync(path.join(DIST, "BUILD_ID"))) throw new Error(`build-sw: no Next.js build in ${DIST}; run next build first`);
  const shared = await staticFiles();
  const pages = Object.fromEntries(await Promise.all(locales.map(async (l) => [l, await pagesOf(l)] as const)));
  const version = createHash("md5").update(JSON.stringify(pages)).digest("hex").slice(0, 12);
  await build({
    entryPoints: [path.join(ROOT, "lib", "offline", "service-worker", "service-worker.ts")],
    outfile: OUT,
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: true,
    legalComments: "none",
    define: {
      // Workbox's development logging is dropped from the production worker.
      "process.env.NODE_ENV": JSON.stringify("production"),
      __PUERTA_STATIC__: JSON.stringify(shared),
      __PUERTA_PAGES__: JSON.stringify(pages),
      __PUERTA_BUILD__: JSON.stringify(version),
    },
  });
  const bytes = (entries: Entry[], dir: (url: string) => string) => entries.reduce((sum, e) => sum + (existsSync(dir(e.url)) ? statSync(dir(e.url)).size : 0), 0);
  const sharedBytes = bytes(shared, (url) => (url.startsWith("/_next/static/") ? path.join(DIST, "static", url.slice(14)) : path.join(ROOT, "public", url)));
  console.log(
    `build-sw: public/sw.js (version ${version}): ${shared.length} shared files (${(sharedBytes / 1024).toFixed(0)} KB), ` +
      `${pages[locales[0]].length} pages per language`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
