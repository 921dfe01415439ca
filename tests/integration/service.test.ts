import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as unknownApi } from "@/app/api/[...path]/route";
import { errorCodes } from "@/lib/shared/errors/codes";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { useTestServer } from "../support/api";

useTestServer();

describe("service endpoints", () => {
  it("reports health when the database answers", async () => {
    const response = await health(new Request("http://localhost/api/health"), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    // Every answer, a healthy one too, carries the id a log line can be found by.
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("publishes an OpenAPI document of every public endpoint", async () => {
    const doc = await (await openapi(new Request("http://localhost/api/v1/openapi.json"), {})).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/ports",
        "/api/v1/ports/{portId}/availability",
        "/api/v1/appointments",
        "/api/v1/appointments/{code}",
        "/api/v1/appointments/{code}/reschedule",
        "/api/v1/appointments/{code}/confirm",
        "/api/v1/draws/{portId}/{date}",
        "/api/v1/keys",
        "/api/health",
      ]),
    );
    const application = doc.paths["/api/v1/appointments"].post.requestBody.content["multipart/form-data"].schema.properties.application;
    expect(application.properties.travelers.maxItems).toBe(10);
    expect(application.required).toEqual(expect.arrayContaining(["portId", "travelers", "location"]));
  });

  it("answers unknown API paths in the error shape", async () => {
    const response = await unknownApi(new Request("http://localhost/api/v2/nothing", { headers: { "accept-language": "fr" } }));
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "not_found", message: expect.stringMatching(/\S/) });
  });

  it("has a message for every error code in every language", () => {
    for (const [locale, messages] of Object.entries(catalogs)) {
      for (const code of errorCodes) expect(messages.errors.codes[code], `${locale}: ${code}`).toBeTruthy();
    }
  });
});
