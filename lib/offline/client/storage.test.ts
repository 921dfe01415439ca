import { describe, expect, it } from "vitest";
import { isStorageLow } from "./storage";

const MB = 1024 * 1024;

describe("isStorageLow", () => {
  it("warns with less than 10 MB free", () => {
    expect(isStorageLow({ usage: 25 * MB, quota: 34 * MB })).toBe(true);
  });
  it("warns past 90% used even with room left", () => {
    expect(isStorageLow({ usage: 910 * MB, quota: 1000 * MB })).toBe(true);
  });
  it("stays quiet with room to spare", () => {
    expect(isStorageLow({ usage: 2 * MB, quota: 300 * MB })).toBe(false);
    expect(isStorageLow({ usage: 899 * MB, quota: 1000 * MB })).toBe(false);
  });
  it("stays quiet when the browser tells nothing", () => {
    expect(isStorageLow({})).toBe(false);
    expect(isStorageLow({ usage: 5, quota: 0 })).toBe(false);
  });
});
