/**
 * What Puerta ships of a language's calendar when the browser's Intl has none (Haitian Creole):
 * names, and the order words go in. Numbers stay Western digits, as every language here writes
 * them on forms.
 */
export type CalendarData = {
  /** January first. */
  months: readonly string[];
  /** Sunday first, as Date.getUTCDay() counts. */
  weekdays: readonly string[];
  dayOfMonth: (day: number) => string;
  /** "madi 1ye desanm" */
  day: (parts: { weekday: string; day: string; month: string }) => string;
  /** "17 me 1990" */
  date: (parts: { day: string; month: string; year: string }) => string;
  /** A date and a time together: "7 desanm 2026 a 9:14". */
  moment: (parts: { date: string; time: string }) => string;
  /** false: "14:30"; true would need the language's own AM/PM words. */
  hour12: false;
};
