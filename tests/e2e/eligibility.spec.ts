import { expect, test } from "@playwright/test";
import { BookingFlow, GUATEMALA_CITY, placeAt, TIJUANA } from "./support/booking-flow";

test("location denied is explained; once allowed, Check again succeeds and Continue works", async ({ page, context }) => {
  await context.clearPermissions();
  const flow = new BookingFlow(page, "en");
  const l = flow.m.eligibility.location;
  await flow.start();
  await flow.attest();
  await flow.checkLocation();
  await expect(flow.locationVerdict(l.deniedTitle)).toBeVisible();
  await expect(page.getByText(l.deniedBody)).toBeVisible();
  await expect(flow.locationButton).toHaveText(l.checkAgain);

  // The person allows location in the browser's settings, then tries again.
  await placeAt(context, TIJUANA);
  await flow.checkLocation();
  await expect(flow.locationVerdict(l.inside)).toBeVisible();
  await expect(flow.locationVerdict(l.deniedTitle)).toHaveCount(0);
  await flow.continue(flow.m.eligibility.continue);
  await flow.expectPage(flow.m.travelers.title);
});

test("a location in Guatemala City is refused kindly, and Continue is blocked", async ({ page, context }) => {
  await placeAt(context, GUATEMALA_CITY);
  const flow = new BookingFlow(page, "es");
  const e = flow.m.eligibility;
  await flow.start();
  await flow.attest();
  await flow.checkLocation();
  await expect(flow.locationVerdict(e.location.outsideTitle)).toBeVisible();
  await expect(page.getByText(e.location.outsideBody)).toBeVisible();

  await flow.continue(e.continue);
  await expect(flow.errorSummary).toBeFocused();
  await expect(flow.errorLink(e.errors.location)).toBeVisible();
  await expect(flow.errorLink(e.errors.attest)).toHaveCount(0);
  await flow.expectPage(e.title);
});

test("Continue with nothing done lists each problem, focused, each link moving focus to its field", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "en");
  const e = flow.m.eligibility;
  await flow.start();
  await flow.continue(e.continue);

  await expect(flow.errorSummary).toBeVisible();
  await expect(flow.errorSummary).toBeFocused();
  await expect(flow.errorSummary.getByRole("link")).toHaveCount(2);
  await flow.errorLink(e.errors.attest).click();
  await expect(flow.attestation("in_mexico")).toBeFocused();
  await flow.errorLink(e.errors.location).click();
  await expect(flow.locationButton).toBeFocused();
  await flow.expectPage(e.title);

  // Ticking only some boxes still names the first one left.
  await flow.attestation("in_mexico").check();
  await flow.continue(e.continue);
  await flow.errorLink(e.errors.attest).click();
  await expect(flow.attestation("information_true")).toBeFocused();
});
