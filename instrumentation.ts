// Runs once when the server starts, before it answers anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { start } = await import("./lib/startup");
  try {
    await start();
  } catch (error) {
    // A configuration error's message names the variable; other errors only their kind, since
    // a database error's message could quote data.
    const isConfig = error instanceof Error && error.name === "ConfigError";
    console.error(isConfig ? (error as Error).message : `[puerta] cannot start: ${(error as Error)?.name}: ${(error as Error)?.message}`);
    process.exit(1);
  }
}
