import "client-only";
/**
 * Languages a traveler may prefer at the port (for an interpreter), named by the browser in the
 * page's language: Puerta's own seven first, then others common among people waiting at the border.
 */
export const travelerLanguages = [
  "es", "en", "ht", "pt", "fr", "ru", "ar",
  "uk", "tr", "zh", "hi", "ro", "am", "ti", "wo", "ka", "uz", "ky", "tg", "ps", "fa", "bn", "vi",
];
