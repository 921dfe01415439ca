/**
 * A slot as people read it: the date and times on the port's own clock, with its zone named
 * ("Tuesday, December 1, 8:00 – 8:30 AM PST"), in the page's language.
 */
export function formatSlotRange(slot: { start: string; end: string }, timeZone: string, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone }).format(new Date(slot.start));
  const times = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }).formatRange(
    new Date(slot.start),
    new Date(slot.end),
  );
  return `${date}, ${times}`;
}
