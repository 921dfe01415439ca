import type { BookingFlow } from "./booking-flow";

/** Chooses a country (ISO 3166-1 alpha-3) in the country field labelled `label`. */
export async function chooseCountry(flow: BookingFlow, label: string, code: string) {
  await flow.countrySelect(label).selectOption(code);
}
