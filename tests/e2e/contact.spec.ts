import { expect, test } from "@playwright/test";
import { auditScreen } from "./support/audit";
import { BookingFlow } from "./support/booking-flow";

// Phone numbers as people type them on a phone: without "+52" (Mexico is assumed), with spaces,
// in Arabic-Indic digits. What is stored and sent is E.164; what is shown back is the number as
// people write it; what is wrong is said precisely.
test.use({ viewport: { width: 360, height: 740 } });
// axe on a phone-sized page takes a while on a busy machine.
test.describe.configure({ timeout: 180_000 });

for (const [locale, typed] of [
  ["es", "664 123 4567"],
  ["ar", "٦٦٤ ١٢٣ ٤٥٦٧"], // Arabic-Indic digits
  ["ar", "۶۶۴ ۱۲۳ ۴۵۶۷"], // Eastern Arabic-Indic digits
] as const) {
  test(`a phone typed as ${typed} in ${locale} is stored as +526641234567 and shown back`, async ({ page }) => {
    const flow = new BookingFlow(page, locale);
    const { m } = flow;
    await page.goto(`/${locale}/book/contact`);
    await flow.expectPage(m.contact.title);
    const phone = flow.field(m.contact.phone, { optional: true });
    await phone.click();
    await phone.pressSequentially(typed);
    // Understood as it is typed, shown back the international way, isolated left-to-right.
    await expect(page.getByRole("status").filter({ hasText: "+52\u00a0664\u00a0123\u00a04567" })).toBeVisible();
    await phone.blur();
    await expect(phone).toHaveValue("+52 664 123 4567");
    await flow.continue(m.contact.continue);
    await expect(flow.heading).not.toHaveText(m.contact.title);
    expect((await flow.draft()).contact.phone).toBe("+526641234567");

    // Back on the step, the number reads as people write it.
    await page.goto(`/${locale}/book/contact`);
    await expect(flow.field(m.contact.phone, { optional: true })).toHaveValue("+52 664 123 4567");
  });
}

test("a wrong phone number is explained precisely, in the person's language", async ({ page }) => {
  const flow = new BookingFlow(page, "ht");
  const { m } = flow;
  await page.goto("/ht/book/contact");
  await flow.expectPage(m.contact.title);
  const phone = flow.field(m.contact.phone, { optional: true });

  for (const [typed, message] of [
    ["664 123", m.contact.phoneErrors.tooShort],
    ["664 123 4567 890", m.contact.phoneErrors.tooLong],
    ["rele m", m.contact.phoneErrors.notANumber],
    ["+999 664 123 4567", m.contact.phoneErrors.invalidCountry],
  ] as const) {
    await phone.fill(typed);
    await flow.continue(m.contact.continue);
    await expect(flow.errorSummary).toBeFocused();
    await expect(flow.errorLink(message)).toBeVisible();
    await expect(page.locator("#phone-error")).toHaveText(message);
  }
  await auditScreen(page, "contact with a phone error in ht");

  // Fixed, it goes through; nothing wrong is stored meanwhile.
  await phone.fill("+509 3712 3456");
  await flow.continue(m.contact.continue);
  await expect(flow.heading).not.toHaveText(m.contact.title);
  expect((await flow.draft()).contact.phone).toBe("+50937123456");
});

test("no phone at all is fine, and the phone module is not downloaded for it", async ({ page }) => {
  const flow = new BookingFlow(page, "es");
  const { m } = flow;
  const scripts: string[] = [];
  page.on("response", (response) => response.request().resourceType() === "script" && scripts.push(response.url()));
  await page.goto("/es/book/contact");
  await flow.expectPage(m.contact.title);
  await page.waitForLoadState("networkidle");
  const before = scripts.length;
  await flow.field(m.contact.phone, { optional: true }).focus();
  // Focusing the field fetches the phone module: one more script.
  await expect.poll(() => scripts.length).toBeGreaterThan(before);
  await auditScreen(page, "contact in es");
});
