import { afterEach, describe, expect, it } from "vitest";
import { captureLog } from "@/tests/support/log-capture";
import { log, setLogLevel } from "./logger";

describe("the log level", () => {
  afterEach(() => setLogLevel("info"));

  it("writes info lines by default, and only warnings and errors at warn", () => {
    const capture = captureLog();
    try {
      log.info("first info");
      setLogLevel("warn");
      log.info("second info");
      log.warn("a warning");
      log.error("an error");
      expect(capture.records().map((r) => [r.level, r.msg])).toEqual([
        ["info", "first info"],
        ["warn", "a warning"],
        ["error", "an error"],
      ]);
    } finally {
      capture.stop();
    }
  });
});
