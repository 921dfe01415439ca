import { expect, type Locator } from "@playwright/test";
import type { BookingFlow } from "./booking-flow";

/** Picks the port and its first day's last time, as a person with a pointer does. */
export async function chooseFirstSlot(flow: BookingFlow, portName: RegExp) {
  await flow.portRadio(portName).check();
  await flow.dayButtons.first().click();
  await flow.timeRadios.last().check();
}

/** The port step from a port's name to "Check your answers". */
export async function choosePort(flow: BookingFlow, portName: RegExp) {
  await chooseFirstSlot(flow, portName);
  await flow.continue(flow.m.port.continue);
  await flow.expectPage(flow.m.check.title);
}

/** The ports' names as listed ("Tijuana – San Ysidro, CA"), in the order shown. */
export async function portNames(flow: BookingFlow): Promise<string[]> {
  await expect(flow.portRadios.first()).toBeVisible();
  return flow.page
    .getByRole("group", { name: flow.m.port.portLegend })
    .locator("label .text-xl")
    .allTextContents();
}

/** The question "Choose a day", while it is asked (it gives way to the times once a day is chosen). */
export function dayQuestion(flow: BookingFlow): Locator {
  return flow.page.getByRole("group", { name: flow.m.slots.dayLegend, exact: true });
}

/** The question "Choose a time on {day}", the group of that day's times. */
export function timeQuestion(flow: BookingFlow): Locator {
  return flow.timeRadios.locator("xpath=ancestor::fieldset[1]").first();
}

/** "Change the day", beside the chosen day once the times are asked. */
export function changeDayButton(flow: BookingFlow): Locator {
  return flow.button(flow.m.slotSteps.changeDay);
}
