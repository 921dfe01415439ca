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
