import { expect, type Locator } from "@playwright/test";
import type { BookingFlow } from "./booking-flow";

/** The country combobox labelled `label` ("Nationality"): an editable box with a list popup. */
export function countryBox(flow: BookingFlow, label: string): Locator {
  return flow.page.getByRole("combobox", { name: label, exact: true });
}

/** The choices of the list that box opens (named by the same label). */
export function countryOptions(flow: BookingFlow, label: string): Locator {
  return flow.page.getByRole("listbox", { name: label, exact: true }).getByRole("option");
}

/**
 * Chooses a country (ISO 3166-1 alpha-3) in the country field labelled `label`, as a person who
 * knows its code does: typing the code chooses it (the list marks it), Escape closes the list.
 */
export async function chooseCountry(flow: BookingFlow, label: string, code: string) {
  const box = countryBox(flow, label);
  await box.fill(code);
  await expect(flow.page.getByRole("listbox", { name: label, exact: true }).getByRole("option", { selected: true })).toHaveCount(1);
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
}
