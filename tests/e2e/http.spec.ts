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
