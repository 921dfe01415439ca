// Runs once when the server starts, before it answers anything (Node.js runtime only).
export async function register() {
  // NEXT_RUNTIME is Next.js's own, not a setting, and is read before any of the app (env.ts) loads.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOrExit } = await import("@/lib/lifecycle/server/startup");
  await startOrExit();
}
