import { eraseAppointments } from "@/lib/booking/appointment-store";
import { eraseDraft } from "@/lib/booking/draft-store";
import { forgetDeviceKey } from "./device-crypto";
import { eraseOutbox } from "./outbox";
import { forgetSealingKey } from "./server-key";

/**
 * "Erase everything on this device": drafts, photos, the outbox, saved appointments, cached data
 * and keys. The app's own pages stay cached (they hold nothing of anyone) so Puerta still opens
 * with no signal afterwards.
 */
export async function eraseEverything(): Promise<void> {
  await Promise.all([eraseDraft(), eraseOutbox(), eraseAppointments(), forgetSealingKey()]);
  await forgetDeviceKey();
  if (typeof caches !== "undefined") {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.includes("precache")).map((name) => caches.delete(name)));
  }
}
