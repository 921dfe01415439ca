import type { Port } from "./port-list";

/**
 * What stops "Continue" on the port step, as the error summary needs it: the element its link
 * focuses and the message's key under `port.errors`. No port chosen links to the first port's radio;
 * a first-come port without a time links to the slot section. A draw port needs no time.
 */
export function missingChoice(port: Port | undefined, ports: readonly Port[], hasSlot: boolean): { fieldId: string; key: "port" | "slot" } | null {
  if (!port) return { fieldId: `port-${ports[0]?.id}`, key: "port" };
  if (port.mode === "first-come" && !hasSlot) return { fieldId: "slot-picker", key: "slot" };
  return null;
}
