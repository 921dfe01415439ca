import "client-only";
/**
 * Languages a traveler may prefer at the port (for an interpreter), named in the page's language
 * (lib/shared/i18n/display-names.ts): Puerta's own seven first, then others common among people
 * waiting at the border.
 */
export const travelerLanguages = [
  "es", "en", "ht", "pt", "fr", "ru", "ar",
  "uk", "tr", "zh", "hi", "ro", "am", "ti", "wo", "ka", "uz", "ky", "tg", "ps", "fa", "bn", "vi",
];

// The language most people of a nationality speak at home, among those above (ISO 3166-1 alpha-3).
// A nationality not listed, or one with no single usual language, is asked rather than guessed.
const USUAL_LANGUAGE: Record<string, string> = {
  ...each("es", "MEX GTM HND SLV NIC CRI PAN COL VEN ECU PER BOL CHL ARG URY PRY CUB DOM PRI ESP GNQ"),
  ...each("pt", "BRA PRT AGO MOZ GNB CPV STP"),
  ...each("ht", "HTI"),
  ...each("fr", "FRA COD COG CMR CIV GIN MLI BFA NER BEN TGO GAB CAF BDI DJI"),
  ...each("en", "USA GBR CAN JAM GUY BLZ TTO BHS BRB NGA GHA LBR SLE GMB IRL AUS NZL"),
  ...each("ru", "RUS BLR KAZ"),
  ...each("ar", "EGY SDN SYR IRQ JOR LBN PSE YEM SAU LBY TUN DZA MAR MRT ARE KWT QAT BHR OMN"),
  ...each("uk", "UKR"),
  ...each("tr", "TUR"),
  ...each("zh", "CHN TWN HKG MAC"),
  ...each("hi", "IND"),
  ...each("ro", "ROU MDA"),
  ...each("am", "ETH"),
  ...each("ti", "ERI"),
  ...each("wo", "SEN"),
  ...each("ka", "GEO"),
  ...each("uz", "UZB"),
  ...each("ky", "KGZ"),
  ...each("tg", "TJK"),
  ...each("fa", "IRN AFG"),
  ...each("bn", "BGD"),
  ...each("vi", "VNM"),
};

function each(language: string, countries: string): Record<string, string> {
  return Object.fromEntries(countries.split(" ").map((country) => [country, language]));
}

/** The interview language to offer first for a nationality, or "" to ask without a guess. */
export function usualLanguage(nationality: string): string {
  return USUAL_LANGUAGE[nationality] ?? "";
}
