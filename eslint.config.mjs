// Puerta's conventions held by the linter (STYLE.md: "rules that matter are held by tools").
// The layer map below is the architecture: a newcomer who crosses a line learns it here, from a
// failing `npm run lint`, not in review. tests/lint/ plants a violation of each rule and checks
// that it is reported, so a rule that quietly stops working (a missing resolver) fails the tests.
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import next from "eslint-config-next/core-web-vitals";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

const root = import.meta.dirname;

// ─── Layers ──────────────────────────────────────────────────────────────────────────────────
// app/ → components/ → lib/. Inside lib/, a folder says where its code runs:
//   lib/shared, lib/<domain>/shared   anywhere (server, browser, service worker)
//   lib/server, lib/<domain>/server   the Node.js server only
//   lib/client, lib/<domain>/client   the browser only
//   lib/offline/service-worker        the service worker (client and shared code)
// lib/shared|server|client are the platform: they serve every domain and know none of them.
const elements = [
  { type: "app", pattern: "app", partialMatch: false },
  { type: "components", pattern: "components", partialMatch: false },
  // Before lib/server/*: the first descriptor matching a folder names it.
  { type: "db", pattern: "lib/server/db", partialMatch: false },
  { type: "server-platform", pattern: "lib/server/*", partialMatch: false },
  { type: "client-platform", pattern: "lib/client/*", partialMatch: false },
  { type: "shared-platform", pattern: "lib/shared/*", partialMatch: false },
  { type: "service-worker", pattern: "lib/offline/service-worker", partialMatch: false },
  { type: "domain", pattern: "lib/*/*", capture: ["domain", "runtime"], partialMatch: false },
];

const files = [
  // Every file under the layers has a category: "none of these categories" never matches a file
  // with none at all, and the database rule below is written that way.
  { category: "source", pattern: "{app,components,lib}/**" },
  // A domain's database access: the only modules that may use the database's values.
  { category: "data", pattern: "lib/**/data/**" },
  { category: "test", pattern: ["**/*.test.ts", "**/*.test.tsx", "**/test-support.ts"] },
];

// What code running in one place may use: the browser never loads server code and vice versa.
const reachable = { shared: ["shared"], server: ["shared", "server"], client: ["shared", "client"] };

// Domains depend on each other in one direction only, so no cycle can form between them. An entry
// is a domain (any runtime the importer may reach) or domain/runtime.
const domainDependencies = {
  lifecycle: ["scheduling", "draw", "photos", "eligibility"],
  scheduling: ["draw/shared", "photos", "eligibility"],
  offline: ["scheduling/client"],
  draw: [],
  photos: [],
  eligibility: [],
  translation: [],
};

const domain = (name, runtimes) => ({ element: { type: "domain", captured: { domain: name, runtime: runtimes } } });

function domainTargets(from, runtime) {
  const mine = reachable[runtime];
  const targets = [domain(from, mine)];
  for (const entry of domainDependencies[from]) {
    const [name, only] = entry.split("/");
    const runtimes = only ? mine.filter((r) => r === only) : mine;
    if (runtimes.length > 0) targets.push(domain(name, runtimes));
  }
  return targets;
}

function platformTargets(runtime) {
  const targets = [{ element: { type: "shared-platform" } }];
  if (runtime === "server") targets.push({ element: { type: "server-platform" } }, { element: { type: "db" } });
  if (runtime === "client") targets.push({ element: { type: "client-platform" } });
  return targets;
}

const domainPolicies = Object.keys(domainDependencies).flatMap((name) =>
  Object.keys(reachable).map((runtime) => ({
    from: domain(name, [runtime]),
    allow: { to: [...platformTargets(runtime), ...domainTargets(name, runtime)] },
  })),
);

const anyDomainShared = { element: { type: "domain", captured: { runtime: "shared" } } };

const policies = [
  {
    from: { element: { type: "app" } },
    allow: {
      to: [
        { element: { types: { anyOf: ["components", "shared-platform", "server-platform", "client-platform", "db"] } } },
        { element: { type: "domain" } },
      ],
    },
  },
  {
    from: { element: { type: "components" } },
    allow: {
      to: [
        { element: { types: { anyOf: ["components", "shared-platform", "client-platform"] } } },
        { element: { type: "domain", captured: { runtime: ["shared", "client"] } } },
      ],
    },
  },
  { from: { element: { type: "shared-platform" } }, allow: { to: [...platformTargets("shared"), anyDomainShared] } },
  // The server platform and the database serve the domains and never know them.
  { from: { element: { types: { anyOf: ["server-platform", "db"] } } }, allow: { to: platformTargets("server") } },
  { from: { element: { type: "client-platform" } }, allow: { to: platformTargets("client") } },
  {
    from: { element: { type: "service-worker" } },
    allow: { to: [...platformTargets("client"), ...domainTargets("offline", "client")] },
  },
  ...domainPolicies,

  // Overrides: the last policy that matches decides, so these come after every allow above.
  {
    // Imports inside one element (lib/scheduling/server and its data/) are not checked at all, so
    // this stops only outsiders: another domain, another runtime, a route, a component.
    disallow: { to: { file: { categories: "data" } } },
    message:
      "{{ dependency.source }} is a data/ module of {{ to.element.path }}: only that folder's own " +
      "modules use it. Call the domain's function that wraps it instead.",
  },
  {
    from: {
      element: { types: { noneOf: ["db"] } },
      file: { categories: { noneOf: ["data", "test"] } },
    },
    disallow: { to: { element: { type: "db" } }, dependency: { kind: "value" } },
    message:
      "{{ from.file.path }} uses the database ({{ dependency.source }}): only modules in a data/ folder do " +
      "(`import type` is fine). Put the query in the domain's data/ folder and call it from here.",
  },
  {
    from: domain("scheduling", ["shared", "server", "client"]),
    disallow: { to: { element: { type: "server-platform", path: "lib/server/http" } } },
    message:
      "lib/scheduling knows nothing of HTTP ({{ dependency.source }}): route handlers parse requests " +
      "with lib/server/http and pass plain values to the domain.",
  },
];

// One resolver, the declared one: it reads tsconfig's `@/…` paths. Without a resolver every `@/`
// import is unresolved, the boundary rules see nothing and pass in silence: tests/lint/ proves
// that the planted violations are caught, and that they would not be without it.
// eslint-config-next brings its own resolvers (node and an older nested copy of this one); they
// are dropped so that what resolves imports is what package.json declares.
const resolver = {
  settings: { "import/resolver": { typescript: { project: path.join(root, "tsconfig.json"), alwaysTryTypes: true } } },
};
const withoutNextResolvers = next.map(({ settings, ...config }) => {
  if (!settings) return config;
  const { "import/resolver": _dropped, ...rest } = settings;
  return { ...config, settings: rest };
});

const boundaryRules = {
  plugins: { boundaries },
  settings: {
    "boundaries/root-path": root,
    "boundaries/include": ["app/**", "components/**", "lib/**"],
    "boundaries/elements": elements,
    "boundaries/files": files,
    "boundaries/legacy-templates": false,
  },
  rules: {
    "boundaries/dependencies": [
      "error",
      {
        default: "disallow",
        message:
          "{{ from.element.path }} may not import {{ dependency.source }} ({{ to.element.path }}): " +
          "app → components → lib; shared code runs anywhere, server and client code never meet, and " +
          "domains depend on each other only as listed in eslint.config.mjs.",
        policies,
      },
    ],
    // A cycle between modules is a design knot (and an import-order bug waiting to happen).
    // disableScc: the precomputed graph is read from disk and crashes on a file that is not there
    // yet (an editor's unsaved buffer, the planted files in tests/lint); the plain search is
    // fast enough at this size.
    "import/no-cycle": ["error", { ignoreExternal: true, disableScc: true }],
  },
};

// ─── Runtime markers ─────────────────────────────────────────────────────────────────────────
// `import "server-only"` makes the bundler refuse a server module in browser code (secrets, the
// database), `import "client-only"` the reverse; the folder names the runtime, the marker enforces
// it. A local rule because no published one ties a marker to a folder.
const runtimeMarker = {
  meta: {
    type: "problem",
    docs: { description: 'Modules under server/ start with import "server-only", under client/ with import "client-only".' },
    messages: {
      missing:
        'A module under {{ folder }}/ starts with `import "{{ marker }}";` (after any "use client" or ' +
        '"use server" directive), so that the bundler refuses it on the wrong side.',
    },
    schema: [],
  },
  create(context) {
    const segments = path.relative(root, context.filename).split(path.sep);
    const folder = segments.slice(0, -1).findLast((s) => s === "server" || s === "client");
    if (segments[0] !== "lib" || !folder) return {};
    const marker = `${folder}-only`;
    return {
      Program(program) {
        const first = program.body.find((statement) => !statement.directive);
        const ok =
          first?.type === "ImportDeclaration" && first.source.value === marker && first.specifiers.length === 0;
        if (!ok) context.report({ node: first ?? program, messageId: "missing", data: { folder, marker } });
      },
    };
  },
};

const puerta = { meta: { name: "puerta" }, rules: { "runtime-marker": runtimeMarker } };

const configFiles = [
  "next.config.ts",
  "playwright.config.ts",
  "vitest.config.mts",
  "drizzle.config.ts",
  "eslint.config.mjs",
  "knip.config.ts",
  // Next.js's own NEXT_RUNTIME, read before any of the app is loaded.
  "instrumentation.ts",
  // Runs before Next.js and TypeScript; it reads PORT and TRUST_PROXY_HOPS itself (see there).
  "server.mjs",
];
const testFiles = ["**/*.test.ts", "**/*.test.tsx", "tests/**", "**/test-support.ts"];

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".next-*/**",
    ".data/**",
    "drizzle/**",
    "public/sw.js",
    "test-results/**",
    "playwright-report/**",
    "tests/e2e-scratch/**",
    "next-env.d.ts",
  ]),
  ...withoutNextResolvers,
  tseslint.configs.recommended,
  resolver,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a required parameter, a destructured-away key).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.{ts,tsx,mts,mjs}"], ...boundaryRules },

  // Next.js's and React's rules, changed where they do not fit, each on purpose:
  {
    // Tool configuration files are default-exported objects by those tools' own convention.
    files: ["*.config.{mjs,ts,mts}"],
    rules: { "import/no-anonymous-default-export": "off" },
  },
  {
    // No React here: `useTestServer`, `useDatabase` and Playwright's `use` are fixtures and
    // database helpers that happen to share the prefix the hooks rule keys on.
    files: ["scripts/**", "tests/integration/**", "tests/support/**", "tests/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Tests read JSON answers loosely and assert on their fields: typing every response body they
    // read would restate the contract's schemas in each test, which the assertions already check.
    files: testFiles,
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The camera's photos are blob: URLs of pictures taken a moment ago on the phone: next/image
    // has nothing to resize or cache, and its loader would only add script.
    files: ["components/camera/**"],
    rules: { "@next/next/no-img-element": "off" },
  },
  {
    // An object URL is an outside resource with a lifetime: the effect that makes it has to put it
    // in state for the render to show it (see the file for why not during render).
    files: ["components/camera/use-object-url.ts"],
    rules: { "react-hooks/set-state-in-effect": "off" },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: [...testFiles, "**/*.d.ts"],
    plugins: { puerta },
    rules: { "puerta/runtime-marker": "error" },
  },
  {
    // Settings are read once, validated, in lib/server/config/env.ts (server) and
    // lib/client/config/env.ts (the browser's build-time values): nowhere else reads the environment.
    files: ["**/*.{ts,tsx,mts,mjs}"],
    ignores: ["lib/server/config/env.ts", "lib/client/config/env.ts", "scripts/**", ...testFiles, ...configFiles],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read settings from lib/server/config/env.ts (server) or lib/client/config/env.ts (browser).",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: ["process", "node:process"].map((name) => ({
            name,
            importNames: ["env"],
            message: "Read settings from lib/server/config/env.ts (server) or lib/client/config/env.ts (browser).",
          })),
        },
      ],
    },
  },
  {
    // The query builder and the database drivers belong to data access, like the database module
    // itself (boundaries sees folders, not npm packages, so these go by name). Types are fine.
    files: ["{app,components,lib}/**/*.{ts,tsx}"],
    ignores: ["lib/**/data/**", "lib/server/db/**", ...testFiles],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(drizzle-orm|pg|@electric-sql/pglite)(/.*)?$",
              allowTypeImports: true,
              message: "Only modules in a data/ folder (and lib/server/db) build queries: move this into the domain's data/ folder.",
            },
          ],
        },
      ],
    },
  },
]);
