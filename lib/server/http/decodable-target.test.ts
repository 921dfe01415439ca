import { describe, expect, it } from "vitest";
import { decodableTarget } from "./decodable-target.mjs";

describe("decodableTarget", () => {
  it("escapes the % of an API path segment that does not decode, so it reads as literal text", () => {
    const repaired = decodableTarget("/api/v1/appointments/%ff%fe");
    expect(repaired).toBe("/api/v1/appointments/%25ff%25fe");
    expect(decodeURIComponent(repaired.split("/").at(-1)!)).toBe("%ff%fe");
  });

  it("touches only the broken segments, and keeps the query as it came", () => {
    expect(decodableTarget("/api/v1/ports/%E2%82/availability?from=%ff&to=2026-12-01")).toBe(
      "/api/v1/ports/%25E2%2582/availability?from=%ff&to=2026-12-01",
    );
    expect(decodableTarget("/api/v1/draws/100%/2026-12-01")).toBe("/api/v1/draws/100%25/2026-12-01");
    expect(decodableTarget("/api/v1/appointments/%zz/confirm")).toBe("/api/v1/appointments/%25zz/confirm");
  });

  it("repairs a page's path the same way, so it meets the page that says it is not there", () => {
    expect(decodableTarget("/es/%ff")).toBe("/es/%25ff");
    expect(decodableTarget("/%ff%fe?x=1")).toBe("/%25ff%25fe?x=1");
  });

  it("leaves decodable targets alone", () => {
    for (const target of ["/api/v1/ports", "/api/v1/ports/san%20ysidro/availability?from=2026-12-01", "/api/v1/appointments/AB%00CD", "/es/book/port", "/es/caf%C3%A9", "/"]) {
      expect(decodableTarget(target)).toBe(target);
    }
  });
});
