import { useTranslations } from "next-intl";
import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/server/i18n/catalogs";

/**
 * Message keys are checked by the type checker (global.d.ts gives next-intl the English catalog's
 * shape): each `@ts-expect-error` below is a mistake `npm run typecheck` must reject. Were the
 * keys unchecked, the directive itself would be the error.
 */
export function useMistakenKeys() {
  const t = useTranslations("start");
  // @ts-expect-error: not a message in messages/en.json
  t("no.such.key");
  // @ts-expect-error: not a namespace in messages/en.json
  useTranslations("no_such_namespace");
  // @ts-expect-error: the server's error messages are checked too
  translatorFor("en", "errors")("codes.no_such_code");
}

describe("translatorFor", () => {
  it("answers in the asked language, from the checked keys", () => {
    const english = translatorFor("en", "errors")("codes.slot_full");
    const french = translatorFor("fr", "errors")("codes.slot_full");
    expect(english).toMatch(/full/i);
    expect(french).not.toBe(english);
    expect(french).not.toBe("codes.slot_full");
  });
});
