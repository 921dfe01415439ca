import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The lint rules in eslint.config.mjs, shown to bite: each case plants a module at a real path
 * (the file does not exist; ESLint lints the text as if it did) and expects exactly the rule that
 * should catch it. A boundary rule that cannot resolve `@/…` reports nothing at all, so a broken
 * resolver fails these tests instead of passing every import in silence (the last test shows it).
 */
const root = path.resolve(import.meta.dirname, "../..");

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function rulesBroken(linter: ESLint, filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await linter.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((message) => message.ruleId);
}

const violations: [string, string, string, string][] = [
  [
    "lib/ imports a component (upward)",
    "lib/shared/errors/planted.ts",
    'import { SiteHeader } from "@/components/layout/site-header";\nexport const planted = SiteHeader;\n',
    "boundaries/dependencies",
  ],
  [
    "lib/scheduling uses HTTP",
    "lib/scheduling/server/planted.ts",
    'import "server-only";\nimport { errorResponse } from "@/lib/server/http/error-response";\nexport const planted = errorResponse;\n',
    "boundaries/dependencies",
  ],
  [
    "a component uses the database",
    "components/booking/planted.tsx",
    'import { getDb } from "@/lib/server/db/database";\nexport const planted = getDb;\n',
    "boundaries/dependencies",
  ],
  [
    "a component uses server code",
    "components/booking/planted.tsx",
    'import { getConfig } from "@/lib/server/config/env";\nexport const planted = getConfig;\n',
    "boundaries/dependencies",
  ],
  [
    "the server platform knows a domain",
    "lib/server/config/planted.ts",
    'import "server-only";\nimport { attestationIds } from "@/lib/eligibility/shared/attestations";\nexport const planted = attestationIds;\n',
    "boundaries/dependencies",
  ],
  [
    "a domain's server code outside data/ uses the database",
    "lib/scheduling/server/planted.ts",
    'import "server-only";\nimport { getDb } from "@/lib/server/db/database";\nexport const planted = getDb;\n',
    "boundaries/dependencies",
  ],
  [
    "a module outside data/ builds a query",
    "lib/scheduling/server/planted.ts",
    'import "server-only";\nimport { sql } from "drizzle-orm";\nexport const planted = sql;\n',
    "@typescript-eslint/no-restricted-imports",
  ],
  [
    "another domain reaches into a data/ folder",
    "lib/lifecycle/server/planted.ts",
    'import "server-only";\nimport * as planted from "@/lib/scheduling/server/data/ports";\nexport { planted };\n',
    "boundaries/dependencies",
  ],
  [
    "client code imports server code",
    "lib/eligibility/client/planted.ts",
    'import "client-only";\nimport { requiredAttestations } from "@/lib/eligibility/server/attestations";\nexport const planted = requiredAttestations;\n',
    "boundaries/dependencies",
  ],
  [
    "a domain imports one it may not (photos → eligibility)",
    "lib/photos/server/planted.ts",
    'import "server-only";\nimport { requiredAttestations } from "@/lib/eligibility/server/attestations";\nexport const planted = requiredAttestations;\n',
    "boundaries/dependencies",
  ],
  ["a server module without its marker", "lib/server/crypto/planted.ts", "export const planted = 1;\n", "puerta/runtime-marker"],
  [
    "a client module with the wrong marker",
    "lib/offline/client/planted.ts",
    'import "server-only";\nexport const planted = 1;\n',
    "puerta/runtime-marker",
  ],
  [
    "lib/ reads the environment",
    "lib/shared/time/planted.ts",
    "export const planted = process.env.PUERTA_DATA_DIR;\n",
    "no-restricted-properties",
  ],
  [
    "a component reads the environment",
    "components/offline/planted.ts",
    'import { env } from "node:process";\nexport const planted = env.NEXT_PUBLIC_DRAFT_EXPIRY_DAYS;\n',
    "no-restricted-imports",
  ],
];

describe("eslint.config.mjs", () => {
  it.each(violations)("catches %s", async (_name, filePath, code, rule) => {
    expect(await rulesBroken(eslint, filePath, code)).toEqual([rule]);
  });

  it("catches an import cycle", async () => {
    // routing.ts imports ./locales; locales.ts importing ./routing closes the loop.
    const code = 'import { routing } from "./routing";\nexport const planted = routing;\n';
    expect(await rulesBroken(eslint, "lib/shared/i18n/locales.ts", code)).toEqual(["import/no-cycle"]);
  });

  it.each([
    [
      "a domain's server code: types from the database, other domains as listed, the server platform",
      "lib/scheduling/server/planted.ts",
      [
        'import "server-only";',
        'import type { Db } from "@/lib/server/db/connection";',
        'import type { SQL } from "drizzle-orm";',
        'import { allocate } from "@/lib/draw/shared/allocate";',
        'import { requiredAttestations } from "@/lib/eligibility/server/attestations";',
        'import { getConfig } from "@/lib/server/config/env";',
        "export type Planted = [Db, SQL];",
        "export const planted = [allocate, requiredAttestations, getConfig];",
      ].join("\n"),
    ],
    [
      "a data/ module: the database and the query builder",
      "lib/scheduling/server/data/planted.ts",
      'import "server-only";\nimport { sql } from "drizzle-orm";\nimport { getDb } from "@/lib/server/db/database";\nexport const planted = [sql, getDb];\n',
    ],
    [
      "a component: client and shared code",
      "components/booking/planted.tsx",
      'import { draftAge } from "@/lib/scheduling/client/draft-expiry";\nimport { isLocale } from "@/lib/shared/i18n/locales";\nexport const planted = [draftAge, isLocale];\n',
    ],
    [
      "the browser's settings module reads the environment",
      "lib/client/config/env.ts",
      'import "client-only";\nexport const planted = process.env.NEXT_PUBLIC_DRAFT_EXPIRY_DAYS;\n',
    ],
  ])("allows %s", async (_name, filePath, code) => {
    expect(await rulesBroken(eslint, filePath, code)).toEqual([]);
  });

  it("would pass the same upward import in silence without the import resolver", async () => {
    const configUrl = pathToFileURL(path.join(root, "eslint.config.mjs")).href;
    const config: Linter.Config[] = (await import(configUrl)).default;
    const noResolver = config.map((entry) =>
      entry.settings?.["import/resolver"] ? { ...entry, settings: { ...entry.settings, "import/resolver": {} } } : entry,
    );
    const blind = new ESLint({ cwd: root, overrideConfigFile: true, baseConfig: noResolver });
    const [, upward] = violations[0];
    const code = 'import { SiteHeader } from "@/components/layout/site-header";\nexport const planted = SiteHeader;\n';
    expect(await rulesBroken(blind, upward, code)).toEqual([]);
  });
});
