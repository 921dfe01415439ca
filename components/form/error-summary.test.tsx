import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderInLocale } from "@/tests/mocks/render";
import { ErrorSummary, type FieldError } from "./error-summary";
import { useProblems } from "./use-problems";

const both: FieldError[] = [
  { fieldId: "name", message: "Enter a name" },
  { fieldId: "city", message: "Enter a city" },
];

/** A form as the steps build it: problems set on "Continue", one fixed while typing, a new key per attempt. */
function Form() {
  const { errors, attempt, show } = useProblems();
  const [fixed, setFixed] = useState(false);
  return (
    <>
      <ErrorSummary key={attempt} errors={fixed ? errors.filter((e) => e.fieldId !== "name") : errors} />
      <label htmlFor="name">Name</label>
      <input id="name" onChange={() => setFixed(true)} />
      <button type="button" onClick={() => { setFixed(false); show(both); }}>Continue</button>
    </>
  );
}

describe("the error summary", () => {
  it("takes the focus when it appears, keeps it off while a field is fixed, and takes it again on the next attempt", async () => {
    renderInLocale(<Form />, "en");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(document.activeElement).toBe(screen.getByRole("alert"));

    await user.click(screen.getByLabelText("Name"));
    await user.keyboard("A");
    expect(screen.getByRole("alert").textContent).toContain("Enter a city");
    expect(screen.getByRole("alert").textContent).not.toContain("Enter a name");
    expect(document.activeElement).toBe(screen.getByLabelText("Name"));

    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(document.activeElement).toBe(screen.getByRole("alert"));
  });
});
