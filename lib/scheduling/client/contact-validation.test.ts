import { describe, expect, it } from "vitest";
import { validateContact } from "./contact-validation";
import { formatPhone, readPhone } from "./phone";

describe("phone numbers as people type them", () => {
  it.each([
    ["664 123 4567"],
    ["(664) 123-4567"],
    ["+52 664 123 4567"],
    ["+52 1 664 123 4567"],
    ["٦٦٤ ١٢٣ ٤٥٦٧"], // Arabic-Indic digits
    ["۶۶۴ ۱۲۳ ۴۵۶۷"], // Eastern Arabic-Indic (Persian) digits
  ])("reads %s as a Mexican number, stored in E.164", async (typed) => {
    const { issues, contact } = await validateContact({ phone: typed, email: "" });
    expect(issues).toEqual([]);
    expect(contact.phone).toBe("+526641234567");
  });

  it("keeps other countries' numbers when written with their code", async () => {
    expect((await validateContact({ phone: "+509 3712 3456", email: "" })).contact.phone).toBe("+50937123456");
    expect((await validateContact({ phone: "+1 213 555 0123", email: "" })).contact.phone).toBe("+12135550123");
  });

  it("shows the number back as people write it", () => {
    expect(readPhone("٦٦٤١٢٣٤٥٦٧")).toMatchObject({ ok: true, international: "+52 664 123 4567" });
    expect(formatPhone("+526641234567")).toBe("+52 664 123 4567");
  });

  it.each([
    ["664 123", "tooShort"],
    ["664 123 4567 89", "tooLong"],
    ["call me", "notANumber"],
    ["+999 123 4567", "invalidCountry"],
    ["+1 000 000 0000", "invalid"],
  ])("says precisely what is wrong with %s", async (typed, problem) => {
    expect((await validateContact({ phone: typed, email: "" })).issues).toEqual([expect.objectContaining({ field: "phone", source: "phone", key: problem })]);
  });

  it("leaves an empty phone empty and still checks the e-mail", async () => {
    const { issues, contact } = await validateContact({ phone: "  ", email: "not an address" });
    expect(contact.phone).toBe("");
    expect(issues).toEqual([expect.objectContaining({ field: "email", source: "issues", key: "invalid_email" })]);
  });
});
