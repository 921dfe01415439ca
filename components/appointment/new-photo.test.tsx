import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { listAppointments, saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import { appointment, PORT, SECRET } from "@/tests/mocks/handlers";
import { server } from "@/tests/mocks/server";
import { renderInLocale } from "@/tests/mocks/render";
import { appPhoto } from "@/tests/support/images";
import { MyAppointment } from "./my-appointment";

// happy-dom draws nothing on a canvas, so the phone's decode-and-compress step passes the chosen
// file through unchanged; everything around it (the capture, its review, the send) runs for real.
vi.mock("@/lib/photos/client/compress", () => ({
  fileToPhoto: async (file: File) => new Blob([await file.arrayBuffer()], { type: "image/jpeg" }),
  compressPhoto: async () => {
    throw new Error("no canvas in happy-dom");
  },
}));

type Saved = SavedAppointment["appointment"];
type Traveler = { givenNames: string; familyNames: string; photo?: string };

const ANA = { givenNames: "Ana", familyNames: "Pérez" };
const LUIS = { givenNames: "Luis", familyNames: "Pérez" };
const CODE = "ABCDE-FGHJK";
const PUT_URL = `*/api/v1/appointments/:code/travelers/:index/photo`;

const fill = (message: string, name: string) => message.replace("{name}", name);
const m = en.appointment.newPhoto;

/** The phone keeps `kept` travelers; the API now answers with `now` (or, when `now` is null, not at all). */
async function keptOnPhone(kept: Traveler[], now: Traveler[] | null) {
  const card = (travelers: Traveler[]) => ({ ...appointment("confirmed"), travelers }) as Saved;
  await saveAppointment({ appointment: card(kept), secret: SECRET, port: { ...PORT }, savedAt: "2026-11-30T10:00:00-08:00" });
  server.use(http.get("*/api/v1/appointments/:code", () => (now ? HttpResponse.json({ appointment: card(now) }) : HttpResponse.error())));
}

type Received = { url: string; authorization: string | null; contentType: string | null; bytes: Uint8Array };

/** Answers the photo PUT with `answer` (a function of the request's index), recording each request. */
function photoEndpoint(answer: (index: number) => Response) {
  const received: Received[] = [];
  server.use(
    http.put(PUT_URL, async ({ request, params }) => {
      received.push({
        url: new URL(request.url).pathname,
        authorization: request.headers.get("authorization"),
        contentType: request.headers.get("content-type"),
        bytes: new Uint8Array(await request.arrayBuffer()),
      });
      return answer(Number(params.index));
    }),
  );
  return received;
}

const refused = (status: number, code: string) => HttpResponse.json({ error: { code, message: code } }, { status });
const accepted = (travelers: Traveler[]) => () => HttpResponse.json({ appointment: { ...appointment("confirmed"), travelers } });

/** The box that asks for `name`'s new photo, named by its heading. */
const box = (title: string) => screen.findByRole("region", { name: title });

/** Chooses `photo` as a file, uses it after the review, and returns the send button. */
async function choosePhoto(region: HTMLElement, photo: Buffer, catalog = en) {
  const user = userEvent.setup();
  const input = await within(region).findByLabelText(catalog.photo.choosePhoto);
  await user.upload(input as HTMLInputElement, new File([new Uint8Array(photo)], "new.jpg", { type: "image/jpeg" }));
  await user.click(await within(region).findByRole("button", { name: new RegExp(`^(${catalog.photo.usePhoto}|${catalog.photo.usePhotoAnyway})$`) }));
  return { user, send: await within(region).findByRole("button", { name: fill(catalog.appointment.newPhoto.send, "Ana Pérez") }) };
}

describe("a photo the server could not read, on My appointment", () => {
  it("says whose photo is needed, by name and kindly; travelers whose photo is ready (or was never said) get no box", async () => {
    await keptOnPhone([ANA, LUIS], [{ ...ANA, photo: "needs_new" }, LUIS]);
    renderInLocale(<MyAppointment />);
    const region = await box(fill(m.title, "Ana Pérez"));
    expect(within(region).getByText(fill(m.body, "Ana"))).toBeTruthy();
    expect(within(region).getByText(m.kept)).toBeTruthy();
    // Luis's answer has no `photo`: an older server, so his photo counts as ready.
    expect(screen.queryByRole("region", { name: fill(m.title, "Luis Pérez") })).toBeNull();
    expect(screen.getAllByText(m.needed)).toHaveLength(1);
    // The capture is there at once (loaded on demand): the file choice and the phone's camera.
    expect(await within(region).findByLabelText(en.photo.choosePhoto)).toBeTruthy();
    expect(within(region).getByRole("button", { name: en.photo.openCamera })).toBeTruthy();
  });

  it("shows no box at all for a card saved before photos had a state, even without a connection", async () => {
    await keptOnPhone([ANA, LUIS], null);
    renderInLocale(<MyAppointment />);
    expect(await screen.findByText(en.appointment.offline)).toBeTruthy();
    expect(screen.queryByRole("region")).toBeNull();
    expect(screen.queryByText(m.needed)).toBeNull();
  });

  it("sends the chosen JPEG to that traveler's photo with the device's secret, then says it was received and keeps the answer", async () => {
    await keptOnPhone([LUIS, ANA], [LUIS, { ...ANA, photo: "needs_new" }]);
    const received = photoEndpoint(accepted([LUIS, { ...ANA, photo: "pending" }]));
    const photo = await appPhoto(48, 64);
    renderInLocale(<MyAppointment />);
    const region = await box(fill(m.title, "Ana Pérez"));
    const { user, send } = await choosePhoto(region, photo);
    await user.click(send);

    const outcome = await within(region).findByText(m.sent);
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe(`/api/v1/appointments/${CODE}/travelers/1/photo`);
    expect(received[0].authorization).toBe(`Bearer ${SECRET}`);
    expect(received[0].contentType).toBe("image/jpeg");
    expect(Buffer.from(received[0].bytes).equals(photo)).toBe(true);
    // The send button is gone: the focus is on the outcome, which is read out.
    expect(document.activeElement).toBe(outcome);
    expect(within(region).queryByRole("button", { name: fill(m.send, "Ana Pérez") })).toBeNull();
    expect(screen.getByText(m.checking)).toBeTruthy();
    expect(screen.queryByText(m.needed)).toBeNull();
    // The phone keeps the server's answer, for the next visit without signal.
    await waitFor(async () => expect((await listAppointments())[0].appointment.travelers[1].photo).toBe("pending"));
  });

  it("says thank you when the server has already checked the new photo", async () => {
    await keptOnPhone([{ ...ANA, photo: "needs_new" }], [{ ...ANA, photo: "needs_new" }]);
    photoEndpoint(accepted([{ ...ANA, photo: "ready" }]));
    renderInLocale(<MyAppointment />);
    const region = await box(fill(m.title, "Ana Pérez"));
    const { user, send } = await choosePhoto(region, await appPhoto(48, 64));
    await user.click(send);
    expect(await within(region).findByText(m.sentReady)).toBeTruthy();
    expect(screen.queryByText(m.checking)).toBeNull();
  });

  const refusals: [code: string, status: number, message: string][] = [
    ["photo_invalid", 422, m.errors.photo_invalid],
    ["payload_too_large", 413, m.errors.payload_too_large],
    ["unsupported_media_type", 415, m.errors.unsupported_media_type],
    ["appointment_not_active", 409, en.errors.codes.appointment_not_active],
    ["traveler_not_found", 404, en.errors.codes.traveler_not_found],
    ["rate_limited", 429, en.errors.codes.rate_limited],
    ["service_unavailable", 503, en.errors.codes.service_unavailable],
  ];

  it.each(refusals)("%s: says what happened and keeps the photo to send again", async (code, status, message) => {
    await keptOnPhone([ANA], [{ ...ANA, photo: "needs_new" }]);
    const received = photoEndpoint(() => refused(status, code));
    renderInLocale(<MyAppointment />);
    const region = await box(fill(m.title, "Ana Pérez"));
    const { user, send } = await choosePhoto(region, await appPhoto(48, 64));
    await user.click(send);
    expect((await within(region).findByRole("alert")).textContent).toBe(message);
    expect(received).toHaveLength(1);
    // Nothing was lost: the photo is still there, and so is the button that sends it.
    expect(within(region).getByRole("img", { name: fill(en.photo.savedAlt, "Ana Pérez") })).toBeTruthy();
    expect(within(region).getByRole("button", { name: fill(m.send, "Ana Pérez") })).toBeTruthy();
    expect(within(region).queryByText(m.sent)).toBeNull();
  });

  it("refuses in the person's language (Arabic)", async () => {
    await keptOnPhone([ANA], [{ ...ANA, photo: "needs_new" }]);
    photoEndpoint(() => refused(409, "appointment_not_active"));
    renderInLocale(<MyAppointment />, "ar");
    const region = await box(fill(ar.appointment.newPhoto.title, "Ana Pérez"));
    expect(within(region).getByText(fill(ar.appointment.newPhoto.body, "Ana"))).toBeTruthy();
    const { user, send } = await choosePhoto(region, await appPhoto(48, 64), ar);
    await user.click(send);
    expect((await within(region).findByRole("alert")).textContent).toBe(ar.errors.codes.appointment_not_active);
  });

  it("offline: says to connect, keeps the photo on screen, and sends that same photo once connected", async () => {
    await keptOnPhone([ANA], [{ ...ANA, photo: "needs_new" }]);
    server.use(http.put(PUT_URL, () => HttpResponse.error()));
    const photo = await appPhoto(48, 64);
    renderInLocale(<MyAppointment />);
    const region = await box(fill(m.title, "Ana Pérez"));
    const { user, send } = await choosePhoto(region, photo);
    await user.click(send);
    expect((await within(region).findByRole("alert")).textContent).toBe(m.offline);
    expect(within(region).getByRole("img", { name: fill(en.photo.savedAlt, "Ana Pérez") })).toBeTruthy();

    const received = photoEndpoint(accepted([{ ...ANA, photo: "pending" }]));
    await user.click(within(region).getByRole("button", { name: fill(m.send, "Ana Pérez") }));
    expect(await within(region).findByText(m.sent)).toBeTruthy();
    expect(within(region).queryByRole("alert")).toBeNull();
    expect(Buffer.from(received[0].bytes).equals(photo)).toBe(true);
  });

  it("with two photos to send, opens one at a time and moves on to the next once one is sent", async () => {
    const JOSE = { givenNames: "José", familyNames: "Pérez" };
    await keptOnPhone([ANA, JOSE], [{ ...ANA, photo: "needs_new" }, { ...JOSE, photo: "needs_new" }]);
    const received = photoEndpoint(() => accepted([{ ...ANA, photo: "pending" }, { ...JOSE, photo: "needs_new" }])());
    renderInLocale(<MyAppointment />);
    const first = await box(fill(m.title, "Ana Pérez"));
    const second = await box(fill(m.title, "José Pérez"));
    // Only one capture (and so one camera) at a time; the other waits behind a button.
    expect(within(second).queryByLabelText(en.photo.choosePhoto)).toBeNull();
    const { user, send } = await choosePhoto(first, await appPhoto(48, 64));
    await user.click(send);
    expect(await within(first).findByText(m.sent)).toBeTruthy();
    expect(received.map((r) => r.url)).toEqual([`/api/v1/appointments/${CODE}/travelers/0/photo`]);
    expect(await within(second).findByLabelText(en.photo.choosePhoto)).toBeTruthy();
    expect(within(second).queryByRole("button", { name: fill(m.open, "José Pérez") })).toBeNull();
  });

  it("offers no new photo once the appointment can no longer be used", async () => {
    await keptOnPhone([{ ...ANA, photo: "needs_new" }], null);
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const cancelled = { ...appointment("cancelled"), travelers: [{ ...ANA, photo: "needs_new" }] };
    server.use(http.get("*/api/v1/appointments/:code", async () => (await answered, HttpResponse.json({ appointment: cancelled }))));
    renderInLocale(<MyAppointment />);
    // Kept on the phone as confirmed: the photo is asked for until the server says otherwise.
    expect(await box(fill(m.title, "Ana Pérez"))).toBeTruthy();
    answer();
    expect(await screen.findByRole("heading", { name: en.appointmentState.ended.cancelledTitle })).toBeTruthy();
    expect(screen.queryByRole("region", { name: fill(m.title, "Ana Pérez") })).toBeNull();
    expect(screen.queryByText(m.needed)).toBeNull();
  });
});
