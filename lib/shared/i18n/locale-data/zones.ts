/**
 * The ports' time zones named as people at the border say them, in every language Puerta speaks.
 * Intl names America/Los_Angeles "hora de Los Ángeles" in Spanish and "Лос-Анджелес" in Russian,
 * and has nothing in Creole; nobody says that. Generic names (no "standard"/"daylight"): a slot's
 * zone is the port's, whatever the season. Arizona keeps standard time all year, so Nogales gets
 * its own name rather than "Mountain", which would be an hour off half the year.
 */
type ZoneNames = Readonly<Record<"en" | "es" | "fr" | "ht" | "pt" | "ru" | "ar", string>>;

const pacific: ZoneNames = {
  en: "Pacific time", es: "hora del Pacífico", fr: "heure du Pacifique", ht: "lè Pasifik",
  pt: "horário do Pacífico", ru: "тихоокеанское время", ar: "توقيت المحيط الهادئ",
};
const arizona: ZoneNames = {
  en: "Arizona time", es: "hora de Arizona", fr: "heure de l’Arizona", ht: "lè Arizona",
  pt: "horário do Arizona", ru: "время Аризоны", ar: "توقيت أريزونا",
};
const mountain: ZoneNames = {
  en: "Mountain time", es: "hora de la Montaña", fr: "heure des Rocheuses", ht: "lè Mòn yo",
  pt: "horário das Montanhas", ru: "горное время", ar: "التوقيت الجبلي",
};
const central: ZoneNames = {
  en: "Central time", es: "hora del Centro", fr: "heure du Centre", ht: "lè Santral",
  pt: "horário Central", ru: "центральное время", ar: "التوقيت المركزي",
};

const byZone: Readonly<Record<string, ZoneNames>> = {
  "America/Los_Angeles": pacific,
  "America/Phoenix": arizona,
  "America/Denver": mountain,
  "America/Chicago": central,
};

/** The zone's name in `locale`, or undefined for a zone or language Puerta has no name for. */
export function shippedZoneName(locale: string, timeZone: string): string | undefined {
  return byZone[timeZone]?.[locale.split("-")[0] as keyof ZoneNames];
}
