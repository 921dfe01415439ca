import { describe, expect, it } from "vitest";
import { multipartBoundary, parseMultipart } from "./multipart";

/** A body exactly as the platform (browsers, undici) encodes a FormData. */
async function encoded(form: FormData): Promise<{ body: Uint8Array; contentType: string }> {
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

const text = (data: Uint8Array) => Buffer.from(data).toString("utf8");
const raw = (lines: string[]) => Buffer.from(lines.join("\r\n"));

describe("parseMultipart", () => {
  it("reads what the platform's FormData encoding writes: fields, files, names in any script, binary content", async () => {
    const photo = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) % 256);
    const form = new FormData();
    form.append("application", JSON.stringify({ givenNames: "Ана María 李" }));
    form.append("photo.0", new Blob([photo], { type: "image/jpeg" }), "صورة.jpg");
    form.append("photo.1", new Blob([]), "empty.jpg");
    const { body, contentType } = await encoded(form);

    const parts = parseMultipart(body, contentType);
    expect(parts?.map(({ name, filename }) => ({ name, filename }))).toEqual([
      { name: "application", filename: undefined },
      { name: "photo.0", filename: "صورة.jpg" },
      { name: "photo.1", filename: "empty.jpg" },
    ]);
    expect(JSON.parse(text(parts![0].data))).toEqual({ givenNames: "Ана María 李" });
    expect(Buffer.from(parts![1].data).equals(Buffer.from(photo))).toBe(true);
    expect(parts![2].data.length).toBe(0);
  });

  it("reads a quoted value holding what looks like another parameter, and an empty preamble", () => {
    const body = raw(["", "--XyZ", 'Content-Disposition: form-data; filename="a; name=photo.1"; name="photo.0"', "", "1", "--XyZ--", ""]);
    expect(parseMultipart(body, "multipart/form-data; boundary=XyZ")?.map(({ name, filename }) => [name, filename])).toEqual([["photo.0", "a; name=photo.1"]]);
  });

  it("accepts a quoted boundary and a preamble", () => {
    const body = raw(["ignored preamble", "--a b", 'Content-Disposition: form-data; name="x"', "", "1", "--a b--", ""]);
    expect(parseMultipart(body, 'multipart/form-data; boundary="a b"')?.map((p) => [p.name, text(p.data)])).toEqual([["x", "1"]]);
  });

  it("refuses what is not a well-formed form", () => {
    const contentType = "multipart/form-data; boundary=XyZ";
    const ok = raw(["--XyZ", 'Content-Disposition: form-data; name="x"', "", "1", "--XyZ--", ""]);
    expect(parseMultipart(ok, contentType)).not.toBeNull();

    const refused = {
      "no boundary parameter": [ok, "multipart/form-data"],
      "another media type": [ok, "text/plain; boundary=XyZ"],
      "a boundary that never appears": [ok, "multipart/form-data; boundary=other"],
      "no closing delimiter": [raw(["--XyZ", 'Content-Disposition: form-data; name="x"', "", "1"]), contentType],
      "headers never end": [raw(["--XyZ", 'Content-Disposition: form-data; name="x"']), contentType],
      "no Content-Disposition": [raw(["--XyZ", "Content-Type: text/plain", "", "1", "--XyZ--"]), contentType],
      "not form-data": [raw(["--XyZ", 'Content-Disposition: attachment; name="x"', "", "1", "--XyZ--"]), contentType],
      "a part without a name": [raw(["--XyZ", 'Content-Disposition: form-data; filename="x"', "", "1", "--XyZ--"]), contentType],
      "bare LF line ends": [Buffer.from('--XyZ\nContent-Disposition: form-data; name="x"\n\n1\n--XyZ--\n'), contentType],
      "oversized part headers": [raw(["--XyZ", `Content-Disposition: form-data; name="${"x".repeat(3000)}"`, "", "1", "--XyZ--"]), contentType],
      "too many parts": [raw([...Array.from({ length: 40 }, () => ["--XyZ", 'Content-Disposition: form-data; name="x"', "", "1"]).flat(), "--XyZ--"]), contentType],
      "an empty body": [Buffer.alloc(0), contentType],
    } as const;
    for (const [why, [body, type]] of Object.entries(refused)) expect(parseMultipart(body, type), why).toBeNull();
  });

  it("finds the boundary however the Content-Type is written", () => {
    expect(multipartBoundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=abc")).toBe("abc");
    expect(multipartBoundary('multipart/form-data;boundary="with space"')).toBe("with space");
    expect(multipartBoundary("multipart/form-data; boundary=")).toBeNull();
    expect(multipartBoundary(`multipart/form-data; boundary=${"b".repeat(71)}`)).toBeNull();
  });
});
