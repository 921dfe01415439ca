import { describe, expect, it } from "vitest";
import { applicationInput, emptyDraft, firstIncompleteStep, newTraveler, travelerHref, unfinishedScreen, type Draft, type TravelerDraft } from "./draft";
import { dateOfBirthProblem, validateTraveler } from "./traveler-validation";

const port = (mode: "first-come" | "draw") => ({
  id: "eagle-pass",
  name: "Eagle Pass",
  state: "TX",
  timeZone: "America/Chicago",
  mode,
  address: "500 S Adams St, Eagle Pass, TX 78852",
});

const draftAt = (mode: "first-come" | "draw"): Draft => ({
  ...emptyDraft(),
  attestations: ["a"],
  location: { latitude: 28.7, longitude: -100.5, accuracy: 25, capturedAt: "2026-11-30T10:00:00-06:00" },
  travelers: [newTraveler("t1", "es")],
  portId: "eagle-pass",
  port: port(mode),
});

describe("the draft at a draw port", () => {
  it("is complete without a time, and sends no slot", () => {
    const draft = draftAt("draw");
    expect(firstIncompleteStep(draft, new Set(["t1"]))).toBeNull();
    const input = applicationInput(draft, "es");
    expect(input).not.toHaveProperty("slotId");
    expect(input.portId).toBe("eagle-pass");
  });

  it("still needs a time at a first-come port", () => {
    const draft = draftAt("first-come");
    expect(firstIncompleteStep(draft, new Set(["t1"]))).toBe("port");
    const slot = { id: "eagle-pass-20261201-0800", start: "2026-12-01T08:00:00-06:00", end: "2026-12-01T08:30:00-06:00" };
    expect(firstIncompleteStep({ ...draft, slot }, new Set(["t1"]))).toBeNull();
    expect(applicationInput({ ...draft, slot }, "es")).toMatchObject({ slotId: slot.id });
  });
});

const TODAY = "2026-12-07";
const date = (day: string, month: string, year: string) => dateOfBirthProblem({ day, month, year }, TODAY);
const ana = (change: Partial<TravelerDraft> = {}): TravelerDraft => ({
  ...newTraveler("ana", "es"),
  givenNames: "Ana",
  familyNames: "Pérez",
  dateOfBirth: { day: "17", month: "5", year: "1990" },
  sex: "F",
  nationality: "HND",
  countryOfBirth: "HND",
  ...change,
});

describe("a date of birth as typed", () => {
  it("accepts the digits of every keyboard Puerta's languages use", () => {
    expect(date("١٥", "٣", "١٩٩٠")).toBeNull();
    expect(date("۱۵", "۳", "۱۹۹۰")).toBeNull();
    expect(date("１５", "３", "１９９０")).toBeNull();
    expect(date(" 05 ", "03", "1990")).toBeNull();
  });

  it("says precisely what is wrong, naming the boxes to fix", () => {
    expect(date("15", "3", "90")).toEqual({ key: "year_four_digits", parts: ["year"] });
    expect(date("١٥", "٣", "٩٠")).toEqual({ key: "year_four_digits", parts: ["year"] });
    expect(date("32", "3", "1990")).toEqual({ key: "day_out_of_range", parts: ["day"] });
    expect(date("0", "3", "1990")).toEqual({ key: "day_out_of_range", parts: ["day"] });
    expect(date("15", "13", "1990")).toEqual({ key: "month_out_of_range", parts: ["month"] });
    expect(date("31", "4", "1990")).toEqual({ key: "date_does_not_exist", parts: ["day", "month"] });
    expect(date("29", "2", "2023")).toEqual({ key: "date_does_not_exist", parts: ["day", "month"] });
    expect(date("29", "2", "2024")).toBeNull();
    expect(date("1", "1", "1899")).toEqual({ key: "year_too_early", parts: ["year"], values: { min: 1900 } });
    expect(date("8", "12", "2026")).toEqual({ key: "date_in_future", parts: ["day", "month", "year"] });
    expect(date("7", "12", "2026")).toBeNull();
    expect(date("", "3", "")).toEqual({ key: "date_incomplete", parts: ["day", "year"] });
    expect(date("1a", "3", "1990")).toEqual({ key: "date_not_numbers", parts: ["day"] });
  });
});

describe("a traveler's problems", () => {
  it("are all reported at once: no name, a future date, no sex, no nationality", () => {
    const problems = validateTraveler(ana({ givenNames: "", familyNames: " ", dateOfBirth: { day: "1", month: "1", year: "2030" }, sex: "", nationality: "" }), TODAY);
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: "givenNames", key: "name_required" },
        { field: "dateOfBirth.day", key: "date_in_future" },
        { field: "sex", key: "invalid_option" },
        { field: "nationality", key: "invalid_country" },
      ]),
    );
  });

  it("reads the date's own problem instead of the schema's, and none for a complete traveler", () => {
    expect(validateTraveler(ana({ dateOfBirth: { day: "17", month: "5", year: "90" } }), TODAY)).toEqual([{ field: "dateOfBirth.year", key: "year_four_digits" }]);
    expect(validateTraveler(ana(), TODAY)).toEqual([]);
    expect(validateTraveler(ana({ dateOfBirth: { day: "١٧", month: "٥", year: "١٩٩٠" } }), TODAY)).toEqual([]);
  });

  it("asks for the document's type when a number is written, and for the interview language", () => {
    expect(validateTraveler(ana({ documentNumber: "A123" }), TODAY)).toEqual([{ field: "documentType", key: "invalid_option" }]);
    expect(validateTraveler(ana({ preferredLanguage: "" }), TODAY)).toEqual([{ field: "preferredLanguage", key: "invalid_language" }]);
  });
});

describe("the traveler's screens", () => {
  it("link each question (a form field or an API path) to its screen", () => {
    expect(travelerHref("ana")).toBe("/book/traveler?id=ana");
    expect(travelerHref("ana", "dateOfBirth")).toBe("/book/traveler?id=ana");
    expect(travelerHref("ana", "countryOfBirth")).toBe("/book/traveler/origin?id=ana");
    expect(travelerHref("ana", "document.number")).toBe("/book/traveler/document?id=ana");
    expect(travelerHref("ana", "preferredLanguage")).toBe("/book/traveler/language?id=ana");
  });

  it("tell where a traveler's answers stop", () => {
    expect(unfinishedScreen(ana())).toBeNull();
    expect(unfinishedScreen(ana({ sex: "" }))).toBe("/book/traveler?id=ana");
    expect(unfinishedScreen(ana({ countryOfBirth: "" }))).toBe("/book/traveler/origin?id=ana");
  });
});
