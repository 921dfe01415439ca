import { createTranslator } from "use-intl/core";
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { catalogs, type Messages } from "@/lib/server/i18n/catalogs";
import type { Locale } from "@/lib/shared/i18n/locales";
import type { Draft } from "@/lib/scheduling/client/draft";
import { addTraveler, fillTraveler } from "./traveler-steps";
import { chooseFirstSlot, choosePort } from "./port-steps";

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

  /** A message with its placeholders filled, as the page shows it ("photos.retake", { name }). */
  t(key: string, values?: Record<string, string | number>): string {
    const translate = createTranslator({ locale: this.locale, messages: this.m }) as unknown as (k: string, v?: Record<string, string | number>) => string;
    return translate(key, values);
  }

  // ——— what is on the page, by role and text, as a screen reader finds it ———

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  link(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  /** GOV.UK's error summary: an alert titled "There is a problem", one link per problem. */
  get errorSummary(): Locator {
    return this.page.getByRole("alert").filter({ has: this.page.getByRole("heading", { name: this.m.form.errorSummaryTitle }) });
  }

  errorLink(message: string | RegExp): Locator {
    return this.errorSummary.getByRole("link", { name: message });
  }

  attestation(id: keyof Messages["eligibility"]["statements"]): Locator {
    return this.page.getByLabel(this.m.eligibility.statements[id]);
  }

  get locationButton(): Locator {
    return this.page.getByRole("button", { name: new RegExp(`^(${escape(this.m.eligibility.location.check)}|${escape(this.m.eligibility.location.checkAgain)})$`) });
  }

  /** What the location check said: the title of its explanation (or the "inside" sentence). */
  locationVerdict(title: string): Locator {
    return this.page.getByRole("status").getByText(title, { exact: true });
  }

  /** A form field by its label; optional fields' labels end in "(optional)", so they match by start. */
  field(label: string, { optional = false } = {}): Locator {
    return optional ? this.page.getByLabel(new RegExp(`^${escape(label)}(\\s|$)`)) : this.page.getByLabel(label, { exact: true });
  }

  /** A country list and the box above it that narrows it as one types ("Nationality"). */
  countrySelect(label: string): Locator {
    return this.page.getByRole("combobox", { name: label, exact: true });
  }

  /** "Change" beside an answer or a traveler; the rest of its name is read by screen readers only. */
  changeLink(what: string, change = this.m.check.change): Locator {
    return this.page.getByRole("link", { name: `${change} ${what}`, exact: true });
  }

  get beginLink(): Locator {
    return this.link(this.m.start.begin);
  }

  /** One appointment on "My appointment", an article named by its code. */
  appointmentCard(code: string): Locator {
    return this.page.getByRole("article", { name: new RegExp(escape(code)) });
  }

  /** A file input drawn as a button ("Choose a photo", "Use the phone's camera app"). */
  fileChoice(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  get usePhotoButton(): Locator {
    const p = this.m.photo;
    return this.page.getByRole("button", { name: new RegExp(`^(${escape(p.usePhoto)}|${escape(p.usePhotoAnyway)})$`) });
  }

  get portRadios(): Locator {
    return this.page.getByRole("group", { name: this.m.port.portLegend }).getByRole("radio");
  }

  portRadio(portName: RegExp): Locator {
    return this.portRadios.and(this.page.getByRole("radio", { name: portName }));
  }

  get dayButtons(): Locator {
    return this.page.getByRole("group", { name: this.m.slots.dayLegend }).getByRole("button");
  }

  /** The times of the chosen day, in the group "Choose a time on {day}". */
  get timeRadios(): Locator {
    const legend = new RegExp(`^${this.m.slots.timeLegend.split("{day}").map(escape).join(".+")}$`);
    return this.page.getByRole("group", { name: legend }).getByRole("radio");
  }

  /** "Check your answers" after a refused send because the time filled up meanwhile. */
  get slotGone(): Locator {
    return this.page.getByRole("alert").filter({ has: this.page.getByRole("heading", { name: this.m.errors.codes.slot_full }) });
  }

  get alternatives(): Locator {
    return this.page.getByRole("group", { name: this.m.check.alternatives }).getByRole("button");
  }

  /** The answer in one row of the summary list, found by its label ("Date and time"). */
  answer(label: string): Locator {
    return this.page.getByRole("term").filter({ hasText: new RegExp(`^${escape(label)}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  // ——— the steps, done as a person with a pointer does them ———

  async expectPage(title: string) {
    await expect(this.heading).toHaveText(title);
  }

  async start() {
    await this.page.goto(`/${this.locale}`);
    await this.beginLink.click();
    await this.expectPage(this.m.eligibility.title);
  }

  async attest() {
    for (const statement of Object.values(this.m.eligibility.statements)) await this.page.getByLabel(statement).check();
  }

  async checkLocation() {
    await this.locationButton.click();
  }

  async continue(label: string) {
    await this.button(label).click();
  }

  async eligibility() {
    await this.attest();
    await this.checkLocation();
    await expect(this.page.getByText(this.m.eligibility.location.inside)).toBeVisible();
    await this.continue(this.m.eligibility.continue);
    await this.expectPage(this.m.travelers.title);
  }

  async fillTraveler(answers: TravelerAnswers) {
    await fillTraveler(this, answers);
  }

  async addTraveler(answers: TravelerAnswers, first: boolean) {
    await addTraveler(this, answers, first);
  }

  async travelers(people: TravelerAnswers[]) {
    for (const [i, person] of people.entries()) await this.addTraveler(person, i === 0);
    await this.continue(this.m.travelers.continue);
    await this.expectPage(this.m.contact.title);
  }

  async contact(phone = "") {
    if (phone) await this.field(this.m.contact.phone, { optional: true }).fill(phone);
    await this.continue(this.m.contact.continue);
    await this.expectPage(this.m.photos.title);
  }

  /** Opens the camera for the open traveler and waits for a picture to take. */
  async openCamera() {
    await this.page.getByRole("button", { name: this.m.photo.openCamera }).first().click();
    await expect(this.button(this.m.photo.takePhoto)).toBeVisible();
  }

  /** Takes each traveler's photo with the (fake) camera; the step opens the next one itself. */
  async photosWithCamera(count: number) {
    for (let i = 0; i < count; i++) {
      await this.openCamera();
      await this.button(this.m.photo.takePhoto).click();
      await this.usePhotoButton.click();
    }
    await this.photosDone(count);
  }

  /** Gives the open traveler a photo through a file input (the gallery, or the phone's camera app). */
  async photoFromFile(file: { name: string; mimeType: string; buffer: Buffer }, label = this.m.photo.choosePhoto) {
    await this.fileChoice(label).first().setInputFiles(file);
    await expect(this.page.getByRole("heading", { name: this.m.photo.reviewTitle })).toBeVisible();
    await this.usePhotoButton.click();
  }

  async photosDone(count: number) {
    await expect(this.page.getByText(this.m.photos.done)).toHaveCount(count);
    await this.continue(this.m.photos.continue);
    await this.expectPage(this.m.port.title);
  }

  async chooseFirstSlot(portName: RegExp) {
    await chooseFirstSlot(this, portName);
  }

  async port(portName: RegExp) {
    await choosePort(this, portName);
  }

  /** From the start page to "Check your answers", photos taken with the camera. */
  async toCheck(people: TravelerAnswers[], portName: RegExp) {
    await this.start();
    await this.eligibility();
    await this.travelers(people);
    await this.contact();
    await this.photosWithCamera(people.length);
    await this.port(portName);
  }

  async send(): Promise<string> {
    await this.button(this.m.check.send).click();
    await this.expectPage(this.m.done.title);
    return this.confirmationCode();
  }

  /** From the confirmation to "My appointment", once the card has been checked with the server. */
  async openMyAppointment() {
    await this.link(this.m.done.myAppointment).click();
    await this.expectPage(this.m.appointment.title);
    await expect(this.page.getByText(this.m.appointment.checking)).toHaveCount(0);
  }

  async confirmationCode(): Promise<string> {
    const code = (await this.page.locator("p.font-mono").textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    return code;
  }

  /** The draft as the device keeps it (IndexedDB, encrypted), e.g. to know which slot was chosen. */
  async draft(): Promise<Draft> {
    return this.page.evaluate(readDecrypted, { database: "puerta-draft", store: "draft", key: "draft" }) as Promise<Draft>;
  }

  // ——— the keyboard alone ———

  /** Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, as a keyboard user moves on. */
  async tabTo(target: Locator, { backwards = false, max = 60 } = {}) {
    for (let i = 0; i <= max; i++) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await this.page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    }
    await expect(target, `reached within ${max} presses of ${backwards ? "Shift+Tab" : "Tab"}`).toBeFocused();
  }

  /** Tabs to `target` and presses `key` on it (Enter for links and buttons, Space for boxes). */
  async activate(target: Locator, key: "Enter" | "Space" = "Enter") {
    await this.tabTo(target);
    await this.page.keyboard.press(key);
  }

  /**
   * Where the focus is can be seen: the focused element draws an outline, or (for a radio button
   * inside a card-like label) the label around it does.
   */
  async expectFocusVisible() {
    const ring = await this.page.evaluate(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) return "nothing is focused";
      for (const element of [focused, focused.closest("label")]) {
        if (!element) continue;
        const style = getComputedStyle(element);
        if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) return null;
      }
      return `no outline on the focused <${focused.tagName.toLowerCase()}> ${focused.textContent?.trim().slice(0, 40) ?? ""}`;
    });
    expect(ring).toBeNull();
  }

  /** The bearer secret the device keeps for this appointment (IndexedDB, encrypted), to ask the API as its owner. */
  async secretFor(code: string): Promise<string> {
    const all = (await this.page.evaluate(readDecrypted, { database: "puerta-appointments", store: "appointments", key: "appointments" })) as { appointment: { code: string }; secret: string }[] | null;
    return all!.find((a) => a.appointment.code === code)!.secret;
  }
}

/**
 * Runs in the page: reads one record of the app's IndexedDB and opens it with the device key, as
 * the app does (the key cannot leave the browser, but the page's origin may use it).
 */
export async function readDecrypted({ database, store, key }: { database: string; store: string; key: string }): Promise<unknown> {
  const read = async (db: string, objectStore: string, id: string) => {
    const opened = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(db);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return new Promise<unknown>((resolve, reject) => {
      const request = opened.transaction(objectStore).objectStore(objectStore).get(id);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  };
  const sealed = (await read(database, store, key)) as { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer } | undefined;
  if (!sealed) return null;
  const deviceKey = (await read("puerta-keys", "keys", "device-key")) as CryptoKey;
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, deviceKey, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
