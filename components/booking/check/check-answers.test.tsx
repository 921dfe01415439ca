import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { emptyDraft, newTraveler, type Draft } from "@/lib/scheduling/client/draft";
import { loadDraft, saveDraft, savePhoto } from "@/lib/scheduling/client/draft-store";
import { formatSlotRange } from "@/lib/scheduling/client/format-slot";
import es from "@/messages/es.json";
import ht from "@/messages/ht.json";
import { OTHER_SLOT, PORT, SLOT } from "@/tests/mocks/handlers";
import { router } from "@/tests/mocks/navigation";
import { server } from "@/tests/mocks/server";
import { renderInLocale } from "@/tests/mocks/render";
import { CheckAnswers } from "./check-answers";

// A JPEG's first bytes: the component only passes the photo on, the server would judge it.
const photo = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: "image/jpeg" });

/** Every step answered, for the slot given ("full" makes the shared handler answer 409 slot_full). */
async function answeredDraft(slotId: string): Promise<Draft> {
  const draft: Draft = {
    ...emptyDraft(),
    attestations: ["in_mexico", "information_true", "appointment_free"],
    location: { latitude: 32.53, longitude: -117.02, accuracy: 25, capturedAt: "2026-11-30T10:00:00-08:00" },
    travelers: [{ ...newTraveler("ana", "es"), givenNames: "Ana", familyNames: "Pérez", dateOfBirth: { day: "17", month: "5", year: "1990" }, sex: "F", nationality: "HTI", countryOfBirth: "HTI" }],
    contact: { phone: "+526641234567", email: "" },
    portId: PORT.id,
    port: { ...PORT },
    slot: { id: slotId, start: SLOT.start, end: SLOT.end },
  };
  await saveDraft(draft);
  await savePhoto("ana", photo());
  return draft;
}

async function send() {
  const user = userEvent.setup();
  const button = await screen.findByRole("button", { name: es.check.send });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  await user.click(button);
  return user;
}

describe("check your answers, then send", () => {
  it("offers the alternatives in place when the time was taken meanwhile, keeping every answer", async () => {
    const before = await answeredDraft("full");
    renderInLocale(<CheckAnswers />, "es");
    const user = await send();

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading").textContent).toBe(es.errors.codes.slot_full);
    const alternative = within(alert).getByRole("button", { name: formatSlotRange(OTHER_SLOT, PORT.timeZone, "es") });
    // The person's answers are still on the page while they choose.
    expect(screen.getAllByText("Ana Pérez").length).toBeGreaterThan(0);

    await user.click(alternative);
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    const after = await loadDraft();
    expect(after.slot).toEqual({ id: OTHER_SLOT.id, start: OTHER_SLOT.start, end: OTHER_SLOT.end });
    // Another time is another request: it gets a new Idempotency-Key when sent.
    expect(after.idempotencyKey).toBeNull();
    expect({ ...after, slot: null, idempotencyKey: null }).toEqual({ ...before, slot: null, idempotencyKey: null });
    expect(router.replace).not.toHaveBeenCalled();
  });

  it("shows the server's validation errors in the person's language, each linked to its answer", async () => {
    server.use(
      http.post("*/api/v1/appointments", () =>
        HttpResponse.json(
          {
            error: {
              code: "validation_failed",
              message: "Some answers need to be fixed.",
              issues: [
                { path: "travelers.0.dateOfBirth", code: "date_in_future", message: "…" },
                { path: "contact.phone", code: "invalid_phone", message: "…" },
              ],
            },
          },
          { status: 422 },
        ),
      ),
    );
    await answeredDraft(SLOT.id);
    renderInLocale(<CheckAnswers />, "es");
    await send();

    const summary = await screen.findByRole("alert");
    const dateOfBirth = within(summary).getByRole("link", { name: es.check.travelerProblem.replace("{name}", "Ana Pérez").replace("{problem}", es.errors.issues.date_in_future) });
    expect(dateOfBirth.getAttribute("href")).toBe("/book/traveler?id=ana&return=check");
    const phone = within(summary).getByRole("link", { name: es.errors.issues.invalid_phone });
    expect(phone.getAttribute("href")).toBe("/book/contact?return=check");
    // Nothing was booked: the draft stays, with its key kept for the retry after fixing.
    const draft = await loadDraft();
    expect(draft.travelers).toHaveLength(1);
    expect(draft.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
    expect(router.replace).not.toHaveBeenCalled();
  });

  it("sends a complete application and goes on to the confirmation", async () => {
    await answeredDraft(SLOT.id);
    renderInLocale(<CheckAnswers />, "es");
    await send();
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith("/book/done?code=ABCDE-FGHJK"));
  });

  it("sends the person to the first unanswered step instead of showing the answers", async () => {
    await saveDraft({ ...(await answeredDraft(SLOT.id)), location: null });
    renderInLocale(<CheckAnswers />, "es");
    const link = await screen.findByRole("link", { name: es.check.steps.eligibility });
    expect(link.getAttribute("href")).toBe("/book/eligibility");
    expect(screen.queryByRole("button", { name: es.check.send })).toBeNull();
  });

  it("shows everything that will be sent: each traveler's details, the number as people write it, and each photo", async () => {
    const created = vi.spyOn(URL, "createObjectURL");
    const revoked = vi.spyOn(URL, "revokeObjectURL");
    const draft = await answeredDraft(SLOT.id);
    await saveDraft({ ...draft, travelers: [{ ...draft.travelers[0], preferredLanguage: "ht", documentType: "passport", documentNumber: "PA123456", documentCountry: "HTI" }] });
    const { unmount } = renderInLocale(<CheckAnswers />, "es");

    const d = es.check.details;
    const detail = (label: string) => screen.getByText(label, { selector: "dt" }).nextElementSibling?.textContent;
    await screen.findByText(d.nationality, { selector: "dt" });
    expect(detail(d.dateOfBirth)).toBe("17 de mayo de 1990");
    expect(detail(d.sex)).toBe(es.check.sexOptions.F);
    expect(detail(d.nationality)).toBe("Haití");
    expect(detail(d.countryOfBirth)).toBe("Haití");
    expect(detail(d.document)).toBe("Pasaporte \u2066PA123456\u2069, de Haití");
    expect(detail(d.language)).toBe("criollo haitiano");
    expect(await screen.findByText("+52 664 123 4567")).toBeTruthy();
    const thumbnail = await screen.findByRole("img", { name: es.check.photoOf.replace("{name}", "Ana Pérez") });
    expect(thumbnail.getAttribute("src")).toMatch(/^blob:/);

    // The decrypted photo is let go with the page.
    unmount();
    expect(revoked).toHaveBeenCalledWith(created.mock.results.at(-1)?.value);
  });

  it("writes countries, languages and dates in Creole, which the browser does not speak", async () => {
    const draft = await answeredDraft(SLOT.id);
    await saveDraft({ ...draft, travelers: [{ ...draft.travelers[0], nationality: "MEX", countryOfBirth: "ZAF", preferredLanguage: "fr" }] });
    render(
      <NextIntlClientProvider locale="ht" messages={ht} timeZone="UTC">
        <CheckAnswers />
      </NextIntlClientProvider>,
    );
    const d = ht.check.details;
    await screen.findByText(d.nationality, { selector: "dt" });
    const detail = (label: string) => screen.getByText(label, { selector: "dt" }).nextElementSibling?.textContent;
    expect(detail(d.nationality)).toBe("Meksik");
    expect(detail(d.countryOfBirth)).toBe("Afrik di Sid");
    expect(detail(d.language)).toBe("Franse");
    expect(detail(d.dateOfBirth)).toBe("17 me 1990");
    // The time, in the port's zone named as people say it, unbroken: "madi 1ye desanm, 8:00 – 8:30 lè Pasifik".
    expect(screen.getByText((_, element) => element?.tagName === "DD" && element.textContent === "madi 1ye desanm, 8:00\u00a0–\u00a08:30\u00a0lè\u00a0Pasifik")).toBeTruthy();
  });
});
