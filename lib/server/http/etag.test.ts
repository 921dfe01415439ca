import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { namesCurrent, strongEtag } from "./etag";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("strongEtag", () => {
  it("is a quoted base64url SHA-256 prefix of the bytes: the same bytes give the same tag anywhere", () => {
    const body = bytes('{"days":[]}');
    const expected = createHash("sha256").update(body).digest("base64url").slice(0, 22);
    expect(strongEtag(body)).toBe(`"${expected}"`);
    // Another object with the same bytes (another instance, another computation): the same tag.
    expect(strongEtag(bytes('{"days":[]}'))).toBe(`"${expected}"`);
    expect(strongEtag(bytes('{"days":[1]}'))).not.toBe(`"${expected}"`);
    expect(strongEtag(body)).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });
});

describe("namesCurrent (If-None-Match)", () => {
  const etag = '"abc"';

  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    [' , "x" ,, "abc" ', true],
    ["*", true],
    ['"x", "y"', false],
    ['"ab"', false],
    ['"abc', false],
    ["abc", false],
    ['W/"x"', false],
    ["", false],
  ])("%j → %s", (header, expected) => {
    expect(namesCurrent(header, etag)).toBe(expected);
  });

  it("matches a weak current tag too (weak comparison), and nothing without the header", () => {
    expect(namesCurrent('"abc"', 'W/"abc"')).toBe(true);
    expect(namesCurrent(null, etag)).toBe(false);
  });

  it("stops at a malformed member: never a 304 for a tag it did not read", () => {
    expect(namesCurrent('garbage, "abc"', etag)).toBe(false);
    // A comma inside the quotes belongs to the tag.
    expect(namesCurrent('"a,b"', '"a,b"')).toBe(true);
    expect(namesCurrent('"a,b"', '"a"')).toBe(false);
  });
});
