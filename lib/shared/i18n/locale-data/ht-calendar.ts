import type { CalendarData } from "./types";

/**
 * Haitian Creole's calendar as Puerta writes it, since browsers have no Creole data. Times go on
 * the 24-hour clock, as Haiti's schools, papers and offices write them ("14:30"): "AM" and "PM"
 * are English.
 */
export const htCalendar: CalendarData = {
  months: ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"],
  weekdays: ["dimanch", "lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi"],
  // The first of the month is "1ye" (premye): "madi 1ye desanm".
  dayOfMonth: (day) => (day === 1 ? "1ye" : String(day)),
  day: ({ weekday, day, month }) => `${weekday} ${day} ${month}`,
  date: ({ day, month, year }) => `${day} ${month} ${year}`,
  moment: ({ date, time }) => `${date} a ${time}`,
  hour12: false,
};
