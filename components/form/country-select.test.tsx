import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import es from "@/messages/es.json";
import { renderInLocale } from "@/tests/mocks/render";
import { exactCountry, normalizeName } from "./country-match";
import { CountrySelect } from "./country-select";

/** The field as a form holds it: the chosen code, shown for the assertions. */
function Field({ nationality = false }: { nationality?: boolean }) {
  const [value, setValue] = useState("");
  return (
    <>
      <CountrySelect id="nationality" label="Nacionalidad" value={value} onChange={setValue} nationality={nationality} />
      <span data-testid="code">{value}</span>
      <button type="button" onClick={() => setValue("MEX")}>set</button>
    </>
  );
}

const code = () => screen.getByTestId("code").textContent;

describe("the country combobox", () => {
  it.each(["Honduras", "honduras", "HONDURAS", "HND", "hnd", "hn", "  Honduras "])("chooses Honduras when %j is typed", async (typed) => {
    renderInLocale(<Field />, "es");
    await userEvent.setup().type(screen.getByRole("combobox", { name: "Nacionalidad" }), typed);
    expect(code()).toBe("HND");
  });

  it("takes names without accents and in another of Puerta's languages", async () => {
    renderInLocale(<Field />, "es");
    const box = screen.getByRole("combobox", { name: "Nacionalidad" });
    const user = userEvent.setup();
    await user.type(box, "Peru"); // "Perú" in Spanish
    expect(code()).toBe("PER");
    await user.clear(box);
    await user.type(box, "Haiti"); // English; "Haití" in Spanish
    expect(code()).toBe("HTI");
    await user.clear(box);
    await user.type(box, "Гондурас"); // Russian
    expect(code()).toBe("HND");
    // Leaving the box shows the country's name in the page's language.
    await user.tab();
    expect(box).toHaveProperty("value", "Honduras");
  });

  it("chooses nothing while the text names no country, so the form asks again", async () => {
    renderInLocale(<Field />, "es");
    const box = screen.getByRole("combobox", { name: "Nacionalidad" });
    const user = userEvent.setup();
    await user.type(box, "Honduras");
    expect(code()).toBe("HND");
    await user.type(box, "x");
    expect(code()).toBe("");
  });

  it("narrows the list as the person types, and the arrow keys and Enter choose from it", async () => {
    renderInLocale(<Field />, "es");
    const box = screen.getByRole("combobox", { name: "Nacionalidad" });
    const user = userEvent.setup();
    expect(box.getAttribute("aria-expanded")).toBe("false");
    await user.type(box, "Hondu");
    expect(box.getAttribute("aria-expanded")).toBe("true");
    const list = screen.getByRole("listbox", { name: "Nacionalidad" });
    expect(box.getAttribute("aria-controls")).toBe(list.id);
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Honduras"]);
    expect(screen.getByRole("status").textContent).toBe("1 país coincide");
    await user.keyboard("{ArrowDown}");
    expect(box.getAttribute("aria-activedescendant")).toBe("nationality-option-HND");
    await user.keyboard("{Enter}");
    expect(code()).toBe("HND");
    expect(box.getAttribute("aria-expanded")).toBe("false");
    expect(box.getAttribute("aria-activedescendant")).toBeNull();
    expect(box).toHaveProperty("value", "Honduras");
    // Escape with the list closed clears the box.
    await user.keyboard("{Escape}");
    expect(code()).toBe("");
    expect(box).toHaveProperty("value", "");
  });

  it("opens the whole list with a tap, and a tap on an option chooses it", async () => {
    renderInLocale(<Field nationality />, "es");
    const user = userEvent.setup();
    await user.click(screen.getByRole("combobox", { name: "Nacionalidad" }));
    const options = screen.getAllByRole("option");
    expect(options.length).toBeGreaterThan(240);
    await user.click(screen.getByRole("option", { name: es.form.nationalityOnly.XXA }));
    expect(code()).toBe("XXA");
    expect(screen.queryByRole("option")).toBeNull();
  });

  it("shows a country the form sets meanwhile, over what was typed", async () => {
    renderInLocale(<Field />, "es");
    const user = userEvent.setup();
    const box = screen.getByRole("combobox", { name: "Nacionalidad" });
    await user.type(box, "xyz");
    await user.click(screen.getByRole("button", { name: "set" }));
    expect(box).toHaveProperty("value", "México");
  });

  it("says so when nothing matches", async () => {
    renderInLocale(<Field />, "es");
    await userEvent.setup().type(screen.getByRole("combobox", { name: "Nacionalidad" }), "Atlantida");
    expect(screen.getByText(es.countrySelect.noMatch)).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("Ningún país coincide");
  });
});

describe("country names as typed", () => {
  it("ignores case, accents, harakat and the Arabic letters phones type interchangeably", () => {
    expect(normalizeName("Côte d’Ivoire")).toBe(normalizeName("cote d'ivoire"));
    expect(normalizeName("هَايتي")).toBe(normalizeName("هايتي"));
    expect(normalizeName("السعودیة")).not.toBe("");
    expect(normalizeName("Ёмкость")).toBe("емкость");
  });

  it("matches only the codes offered", () => {
    const options = [{ code: "HND", name: "Honduras" }];
    expect(exactCountry("HND", options)).toBe("HND");
    expect(exactCountry("GTM", options)).toBeUndefined();
    expect(exactCountry("", options)).toBeUndefined();
  });
});
