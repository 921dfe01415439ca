import { describe, expect, it } from "vitest";
import { normalizeName, personIdentity } from "./person-key";

describe("normalizeName", () => {
  it.each([
    ["JOSÉ  María", "jose maria"],
    ["  Jean-Baptiste ", "jean baptiste"],
    ["O'Brien", "o brien"],
    ["Nguyễn Văn", "nguyen van"],
    ["Ольга", "ольга"],
    ["محمد", "محمد"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe("personIdentity", () => {
  const base = { givenNames: "José", familyNames: "Pérez", dateOfBirth: "1990-05-17", nationality: "HND" };

  it("is the same for spellings that differ only in case, accents and spacing", () => {
    expect(personIdentity({ ...base, givenNames: " jose ", familyNames: "PEREZ" })).toBe(personIdentity(base));
  });

  it("differs when the date of birth or nationality differs", () => {
    expect(personIdentity({ ...base, dateOfBirth: "1990-05-18" })).not.toBe(personIdentity(base));
    expect(personIdentity({ ...base, nationality: "GTM" })).not.toBe(personIdentity(base));
  });

  it("keeps given and family names apart", () => {
    expect(personIdentity({ ...base, givenNames: "", familyNames: "José Pérez" })).not.toBe(personIdentity(base));
  });
});
