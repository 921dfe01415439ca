import { expect, test } from "@playwright/test";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";
import { changeDayButton, dayQuestion, portNames, timeQuestion } from "./support/port-steps";

test.use({ viewport: { width: 360, height: 740 } });
// Each screen is audited (axe, reflow, targets): seconds apiece on a busy machine.
test.describe.configure({ timeout: 180_000 });

const CIUDAD_JUAREZ = { latitude: 31.6904, longitude: -106.4245, accuracy: 3000 };

async function toPortStep(flow: BookingFlow) {
  await flow.start();
  await flow.eligibility();
  await flow.travelers([family()[0]]);
  await flow.contact();
  await flow.photosWithCamera(1);
}

test("from Tijuana, in Spanish: crossings named by their Mexican city, nearest first with the distance; a day, then a time", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  await toPortStep(flow);

  await expect.poll(() => portNames(flow)).toEqual([
    "Tijuana – San Ysidro, CA",
    "Mexicali – Calexico, CA",
    "Nogales – Nogales, AZ",
    "Ciudad Juárez – El Paso, TX",
    "Piedras Negras – Eagle Pass, TX",
    "Nuevo Laredo – Laredo, TX",
    "Reynosa – Hidalgo, TX",
    "Matamoros – Brownsville, TX",
  ]);
  await expect(page.getByText(flow.m.portPlace.nearestFirst)).toBeVisible();
  // From the town the eligibility step kept (coarsened on purpose), not from the exact spot.
  await expect(flow.portRadio(/San Ysidro/)).toHaveAccessibleName(/A unos \d km de donde usted está/);
  await expect(flow.portRadio(/Calexico/)).toHaveAccessibleName(/A unos 1[3-5]\d km de donde usted está/);
  await auditScreen(page, "es: ports by distance");

  // First question: the day. No times yet.
  await flow.portRadio(/San Ysidro/).check();
  await expect(dayQuestion(flow)).toBeVisible();
  await expect(flow.timeRadios).toHaveCount(0);
  const firstDay = (await flow.dayButtons.first().textContent())!.trim();
  await flow.dayButtons.first().click();

  // Second question: the time on that day. The days give way to one line and "Change the day".
  await expect(dayQuestion(flow)).toHaveCount(0);
  await expect(page.getByText(flow.t("slotSteps.chosenDay", { day: firstDay }))).toBeVisible();
  await expect(timeQuestion(flow)).toBeFocused();
  await expect(flow.timeRadios.first()).toBeVisible();
  await auditScreen(page, "es: the time on the chosen day");

  await changeDayButton(flow).click();
  await expect(dayQuestion(flow)).toBeVisible();
  await expect(flow.dayButtons.first()).toBeFocused();
  await expect(flow.dayButtons.first()).toHaveAttribute("aria-pressed", "true");
  await flow.dayButtons.nth(1).click();
  await flow.timeRadios.first().check();
  await flow.continue(flow.m.port.continue);
  await flow.expectPage(flow.m.check.title);
});

test("from Ciudad Juárez, in Arabic: El Paso first, the distances in the page's digits", async ({ page, context }) => {
  await placeAt(context, CIUDAD_JUAREZ);
  const flow = new BookingFlow(page, "ar");
  await toPortStep(flow);
  // The nearest four; further on, San Ysidro and Hidalgo are within a few km of each other.
  await expect.poll(async () => (await portNames(flow)).slice(0, 4)).toEqual([
    "Ciudad Juárez – El Paso، TX",
    "Nogales – Nogales، AZ",
    "Piedras Negras – Eagle Pass، TX",
    "Nuevo Laredo – Laredo، TX",
  ]);
  // Some 10 km, written with the digits Arabic pages use (Arabic-Indic or Western, as the browser's data says).
  await expect(flow.portRadio(/El Paso/)).toHaveAccessibleName(/على بُعد نحو ([0-9]{1,2}|[٠-٩]{1,2})\s*كم من مكانك/);
  await auditScreen(page, "ar: ports by distance");
});

test("in Haitian Creole, the crossings carry their Mexican city too", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ht");
  await toPortStep(flow);
  expect((await portNames(flow))[0]).toBe("Tijuana – San Ysidro, CA");
  await expect(flow.portRadio(/San Ysidro/)).toHaveAccessibleName(/Apeprè \d km de kote ou ye a/);
});

test("the API names each port's Mexican city and where it is, beside the contract's fields", async ({ request }) => {
  const { ports } = await (await request.get("/api/v1/ports")).json();
  const elPaso = ports.find((port: { id: string }) => port.id === "el-paso");
  expect(elPaso).toMatchObject({ id: "el-paso", name: "El Paso", state: "TX", mexicanCity: "Ciudad Juárez" });
  expect(elPaso.latitude).toBeCloseTo(31.75, 1);
  expect(elPaso.longitude).toBeCloseTo(-106.49, 1);
});
