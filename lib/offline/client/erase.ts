import "client-only";
import { eraseAppointments } from "@/lib/scheduling/client/appointment-store";
import { eraseDraft } from "@/lib/scheduling/client/draft-store";
import { forgetDeviceKey } from "@/lib/client/device/device-crypto";
import { eraseOutbox } from "./outbox";
import { forgetSealingKey } from "./server-key";

/**
 * "Erase everything on this device": drafts, photos, the outbox, saved appointments, cached data
 * and keys. The app's own files and pages stay cached (they hold nothing of anyone) so Puerta
 * still opens with no signal afterwards; the cached API answers (ports, free times) go.
 */
// The service worker's cache of API answers (lib/offline/service-worker/api-cache.ts); importing it here would
// bring workbox into every page.
const API_CACHE = "puerta-api";

export async function eraseEverything(): Promise<void> {
  await Promise.all([eraseDraft(), eraseOutbox(), eraseAppointments(), forgetSealingKey()]);
  await forgetDeviceKey();
  if (typeof caches !== "undefined") {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(API_CACHE)).map((name) => caches.delete(name)));
  }
}
