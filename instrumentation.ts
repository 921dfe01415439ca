// Runs once when the server starts, before it answers anything (Node.js runtime only).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOrExit } = await import("@/lib/lifecycle/server/startup");
  await startOrExit();
}
