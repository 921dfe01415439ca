import { expect, type BrowserContext, type Page } from "@playwright/test";
import { catalogs, type Messages } from "@/lib/i18n/catalogs";
import type { Locale } from "@/lib/i18n/locales";

export const TIJUANA = { latitude: 32.5149, longitude: -117.0382, accuracy: 30 };
export const GUATEMALA_CITY = { latitude: 14.6349, longitude: -90.5069, accuracy: 30 };

export type TravelerAnswers = {
  givenNames: string;
  familyNames: string;
  dateOfBirth: [day: string, month: string, year: string];
  sex: "F" | "M" | "X";
  nationality: string;
  countryOfBirth: string;
};

/** Where the browser is: permission to locate, and the position it reports. */
export async function placeAt(context: BrowserContext, position: { latitude: number; longitude: number; accuracy: number }) {
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation(position);
}

/**
 * The booking flow as a person goes through it, step by step, in one language. Every control is
 * found by its role and its text from that language's catalog, as a screen reader would.
 */
export class BookingFlow {
  readonly m: Messages;

  constructor(readonly page: Page, readonly locale: Locale) {
    this.m = catalogs[locale];
  }

  async start() {
    await this.page.goto(`/${this.locale}`);
    await this.page.getByRole("link", { name: this.m.start.begin }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.eligibility.title);
  }

  async attest() {
    for (const statement of Object.values(this.m.eligibility.statements)) await this.page.getByLabel(statement).check();
  }

  async checkLocation() {
    await this.page.getByRole("button", { name: this.m.eligibility.location.check }).click();
  }

  async continue(label: string) {
    await this.page.getByRole("button", { name: label, exact: true }).click();
  }

  async eligibility() {
    await this.attest();
    await this.checkLocation();
    await expect(this.page.getByText(this.m.eligibility.location.inside)).toBeVisible();
    await this.continue(this.m.eligibility.continue);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.travelers.title);
  }

  async addTraveler(answers: TravelerAnswers, first: boolean) {
    const t = this.m.traveler;
    await this.page.getByRole("button", { name: first ? this.m.travelers.addFirst : this.m.travelers.addAnother }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(t.title);
    await this.page.getByLabel(t.givenNames, { exact: true }).fill(answers.givenNames);
    await this.page.getByLabel(t.familyNames, { exact: true }).fill(answers.familyNames);
    await this.page.getByLabel(t.dob.day, { exact: true }).fill(answers.dateOfBirth[0]);
    await this.page.getByLabel(t.dob.month, { exact: true }).fill(answers.dateOfBirth[1]);
    await this.page.getByLabel(t.dob.year, { exact: true }).fill(answers.dateOfBirth[2]);
    await this.page.getByLabel(t.sexOptions[answers.sex], { exact: true }).check();
    await this.page.locator("#nationality").selectOption(answers.nationality);
    await this.page.locator("#countryOfBirth").selectOption(answers.countryOfBirth);
    await this.continue(t.save);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.travelers.title);
  }

  async travelers(people: TravelerAnswers[]) {
    for (const [i, person] of people.entries()) await this.addTraveler(person, i === 0);
    await this.continue(this.m.travelers.continue);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.contact.title);
  }

  async contact(phone = "") {
    if (phone) await this.page.getByLabel(this.m.contact.phone).fill(phone);
    await this.continue(this.m.contact.continue);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.photos.title);
  }

  /** Takes each traveler's photo with the (fake) camera; the step opens the next one itself. */
  async photosWithCamera(count: number) {
    const p = this.m.photo;
    for (let i = 0; i < count; i++) {
      await this.page.getByRole("button", { name: p.openCamera }).first().click();
      await this.page.getByRole("button", { name: p.takePhoto }).click();
      await this.page.getByRole("button", { name: new RegExp(`^(${escape(p.usePhoto)}|${escape(p.usePhotoAnyway)})$`) }).click();
    }
    await expect(this.page.getByText(this.m.photos.done)).toHaveCount(count);
    await this.continue(this.m.photos.continue);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.port.title);
  }

  async chooseFirstSlot(portName: RegExp) {
    await this.page.getByRole("radio", { name: portName }).check();
    await this.page.getByRole("group", { name: this.m.slots.dayLegend }).getByRole("button").first().click();
    await this.page.getByRole("radio").filter({ hasNot: this.page.locator("[name=port]") }).last().check();
  }

  async port(portName: RegExp) {
    await this.chooseFirstSlot(portName);
    await this.continue(this.m.port.continue);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.check.title);
  }

  async send(): Promise<string> {
    await this.page.getByRole("button", { name: this.m.check.send, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(this.m.done.title);
    return (await this.page.locator("p.font-mono").textContent())!.trim();
  }

  /** The bearer secret the device keeps for this appointment (IndexedDB), to ask the API as its owner. */
  async secretFor(code: string): Promise<string> {
    return this.page.evaluate(async (wanted) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("puerta-appointments");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = await new Promise<{ appointment: { code: string }; secret: string }[]>((resolve) => {
        const request = db.transaction("appointments").objectStore("appointments").get("appointments");
        request.onsuccess = () => resolve(request.result ?? []);
      });
      return all.find((a) => a.appointment.code === wanted)!.secret;
    }, code);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
