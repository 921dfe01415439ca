import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { emptyDraft } from "@/lib/scheduling/client/draft";
import { loadDraft, saveDraft } from "@/lib/scheduling/client/draft-store";
import ar from "@/messages/ar.json";
import es from "@/messages/es.json";
import { router } from "@/tests/mocks/navigation";
import { renderInLocale } from "@/tests/mocks/render";
import { ContactForm } from "./contact-form";

const phoneField = (label: string) => screen.getByRole("textbox", { name: new RegExp(`^${label}`) });

describe("the contact step's phone number", () => {
  it("takes a Mexican number without its country code, shows it back and keeps it in E.164", async () => {
    await saveDraft(emptyDraft());
    const user = userEvent.setup();
    renderInLocale(<ContactForm />, "es");
    const field = phoneField(es.contact.phone);
    await user.click(field);
    await user.type(field, "664 123 4567");
    const understood = es.contact.phoneUnderstood.replace("{number}", "\u2066+52\u00a0664\u00a0123\u00a04567\u2069");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(understood));
    await user.tab();
    expect((field as HTMLInputElement).value).toBe("+52 664 123 4567");
    await user.click(screen.getByRole("button", { name: es.contact.continue }));
    await waitFor(() => expect(router.push).toHaveBeenCalledWith("/book/photos"));
    expect((await loadDraft()).contact.phone).toBe("+526641234567");
  });

  it("reads Arabic-Indic digits", async () => {
    await saveDraft(emptyDraft());
    const user = userEvent.setup();
    renderInLocale(<ContactForm />, "ar");
    const field = phoneField(ar.contact.phone);
    await user.click(field);
    await user.type(field, "٦٦٤١٢٣٤٥٦٧");
    await user.click(screen.getByRole("button", { name: ar.contact.continue }));
    await waitFor(() => expect(router.push).toHaveBeenCalled());
    expect((await loadDraft()).contact.phone).toBe("+526641234567");
  });

  it("says the number is too short, and moves on only once it is right", async () => {
    await saveDraft(emptyDraft());
    const user = userEvent.setup();
    renderInLocale(<ContactForm />, "es");
    const field = phoneField(es.contact.phone);
    await user.type(field, "664 123");
    await user.click(screen.getByRole("button", { name: es.contact.continue }));
    expect(await screen.findByRole("link", { name: es.contact.phoneErrors.tooShort })).toBeTruthy();
    expect(router.push).not.toHaveBeenCalled();
  });
});
