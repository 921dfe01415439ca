import { expect, test } from "@playwright/test";
import { catalogs } from "@/lib/server/i18n/catalogs";

// The production server over real HTTP: what only a running server shows (headers, body limits
// on the wire, the client-address handling of server.mjs).

test("every response carries the security headers", async ({ request }) => {
  for (const path of ["/api/health", "/api/v1/ports", "/en"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["permissions-policy"]).toContain("camera=(self)");
    expect(headers["permissions-policy"]).toContain("geolocation=(self)");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
  expect((await request.get("/api/v1/ports")).headers()["content-security-policy"]).toContain("default-src 'none'");
});

test("the first visit goes to the language the browser asks for", async ({ request }) => {
  const response = await request.get("/", { headers: { "accept-language": "ht-HT,ht;q=0.9" }, maxRedirects: 0 });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.headers()["location"]).toMatch(/\/ht$/);
});

test("the start page names the service in the user's language with lang and dir set", async ({ page }) => {
  await page.goto("/ar");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // The service is named in the window title and the header; the page's heading says what it is for.
  await expect(page).toHaveTitle(catalogs.ar.meta.title);
  await expect(page.getByRole("banner").getByRole("link", { name: "Puerta" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(catalogs.ar.start.title);
});

test("an oversized upload is refused on the wire with 413", async ({ request }) => {
  const response = await request.post("/api/v1/appointments", {
    headers: { "idempotency-key": "e2e-oversized-0000001", "accept-language": "pt-BR" },
    multipart: { application: "{}", "photo.0": { name: "p.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(26 * 1024 * 1024) } },
  });
  expect(response.status()).toBe(413);
  const body = await response.json();
  expect(body.error.code).toBe("payload_too_large");
  expect(body.error.message).toMatch(/grande/);
});

test("the OpenAPI document and keys are served", async ({ request }) => {
  expect((await (await request.get("/api/v1/openapi.json")).json()).openapi).toMatch(/^3\./);
  const jwks = await (await request.get("/api/v1/keys")).json();
  expect(jwks.keys.map((k: { use: string }) => k.use).sort()).toEqual(["enc", "sig"]);
});

/** The headers next.config.ts gives every API answer, errors included. */
function expectApiSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("no-referrer");
  expect(headers["strict-transport-security"], what).toContain("max-age=");
  expect(headers["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
}

// Next.js could not decode these paths' parameters and answered a bare text/plain 500 without the
// headers above (server.mjs now makes them decodable: lib/server/http/decodable-target.mjs); NUL
// bytes reached PostgreSQL, which refuses them in text. Each is now the resource's own 404.
test("a path that does not decode, or holds a NUL byte, gets the resource's 404 in the API's shape", async ({ request }) => {
  const range = "from=2026-12-01&to=2026-12-02";
  const cases = [
    ["GET", "/api/v1/appointments/%ff%fe", "appointment_not_found"],
    ["GET", "/api/v1/appointments/AB%00CD", "appointment_not_found"],
    ["DELETE", "/api/v1/appointments/%E2%82", "appointment_not_found"],
    ["POST", "/api/v1/appointments/%00/confirm", "appointment_not_found"],
    ["POST", "/api/v1/appointments/%zz/reschedule", "appointment_not_found"],
    ["GET", `/api/v1/ports/%ff/availability?${range}`, "port_not_found"],
    ["GET", `/api/v1/ports/a%00b/availability?${range}`, "port_not_found"],
    ["GET", "/api/v1/draws/x%00/2026-12-01", "port_not_found"],
    ["GET", "/api/v1/draws/100%/2026-12-01", "port_not_found"],
    ["GET", "/api/v1/draws/laredo/2026-12-01%00", "draw_not_found"],
    ["GET", "/api/v1/nowhere/%ff", "not_found"],
  ] as const;
  for (const [method, path, code] of cases) {
    const what = `${method} ${path}`;
    const response = await request.fetch(path, {
      method,
      headers: { "accept-language": "es", authorization: "Bearer x" },
      ...(path.endsWith("/reschedule") && { data: { slotId: "x" } }),
    });
    expect(response.status(), what).toBe(404);
    expect(response.headers()["content-type"], what).toMatch(/^application\/json/);
    expectApiSecurityHeaders(response.headers(), what);
    const { error } = await response.json();
    expect(error, what).toEqual({ code, message: catalogs.es.errors.codes[code] });
  }
});

test("a NUL byte in the application is a validation issue, answered with the security headers", async ({ request }) => {
  const response = await request.post("/api/v1/appointments", {
    headers: { "idempotency-key": "e2e-nul-byte-000000001", "accept-language": "ar" },
    multipart: { application: '{"portId":"san-ysidro\\u0000","travelers":[],"attestations":[],"location":{}}' },
  });
  expect(response.status()).toBe(422);
  expectApiSecurityHeaders(response.headers(), "POST /api/v1/appointments");
  const { error } = await response.json();
  expect(error.code).toBe("validation_failed");
  expect(error.issues).toContainEqual({ path: "portId", code: "unreadable_characters", message: catalogs.ar.errors.issues.unreadable_characters });
});
