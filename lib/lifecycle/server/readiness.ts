import "server-only";

/** Where the process is in its life: only while `serving` should a load balancer send it requests. */
type Phase = "starting" | "serving" | "stopping";

// On globalThis: Next.js loads this module once for the start-up code (instrumentation), which
// moves the phase on, and again in the routes' bundle, which reads it; both must see one phase.
const holder = globalThis as typeof globalThis & { __puertaPhase?: Phase };

export function lifecyclePhase(): Phase {
  return holder.__puertaPhase ?? "starting";
}

/** Start-up is done. A shutdown already under way stays one. */
export function markServing(): void {
  if (holder.__puertaPhase !== "stopping") holder.__puertaPhase = "serving";
}

/** A shutdown began: readiness answers 503 from now on, so a load balancer stops sending. */
export function markStopping(): void {
  holder.__puertaPhase = "stopping";
}
