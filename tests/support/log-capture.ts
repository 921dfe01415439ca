import { format } from "node:util";
import { vi } from "vitest";
import { setLogDestination } from "@/lib/server/log/logger";

type Capture = {
  /** Every line the logger wrote, parsed. */
  records: () => any[];
  /**
   * Everything written, searchable: the raw lines, every string inside them once unescaped from
   * JSON (bytes decoded to text would otherwise hide behind \u escapes), and anything that went
   * to the console instead of the logger.
   */
  text: () => string;
  stop: () => void;
};

/** Collects what the server logs (its logger and, in case something bypasses it, the console). */
export function captureLog(): Capture {
  const lines: string[] = [];
  const consoleText: string[] = [];
  setLogDestination({ write: (line: string) => void lines.push(line) });
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleText.push(format(...args))),
  );
  const records = () => lines.flatMap((line) => line.split("\n").filter(Boolean)).map((line) => JSON.parse(line));
  return {
    records,
    text: () => [...lines, ...records().flatMap(strings), ...consoleText].join("\n"),
    stop: () => {
      setLogDestination(null);
      for (const spy of spies) spy.mockRestore();
    },
  };
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}
