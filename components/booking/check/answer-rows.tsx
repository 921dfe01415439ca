"use client";
import type { useTranslations } from "next-intl";
import type { Draft, TravelerDraft } from "@/lib/scheduling/client/draft";
import { displayName, isoDate, travelerHref } from "@/lib/scheduling/client/draft";
import { Link } from "@/lib/shared/i18n/navigation";
import { formatDate, formatSlotRange } from "@/lib/scheduling/client/format-slot";
import { countryName, languageName } from "@/lib/shared/i18n/display-names";
import type { SummaryRow } from "./summary-list";
import { PortName } from "@/components/booking/port/port-name";

type T = ReturnType<typeof useTranslations<"check">>;
type TForm = ReturnType<typeof useTranslations<"form">>;

/**
 * Every answer that will be sent, in the person's language: each traveler's details, the
 * contact, a thumbnail of each photo, the port and the time. Nothing goes to the port that the
 * person has not seen here.
 */
export function answerRows(draft: Draft, photos: ReadonlyMap<string, string> | null, phone: string, t: T, tForm: TForm, locale: string): SummaryRow[] {
  const change = (href: string, what: string) => ({ href: `${href}${href.includes("?") ? "&" : "?"}return=check`, label: t("change"), what });
  const port = draft.port;
  const travelers = draft.travelers.map((x, i) => ({
    key: `traveler-${x.id}`,
    label: i === 0 ? t("mainApplicant") : t("familyMember", { number: i }),
    value: <TravelerDetails traveler={x} t={t} tForm={tForm} locale={locale} change={change} />,
    change: change(`/book/traveler?id=${x.id}`, displayName(x)),
  }));
  return [
    { key: "eligibility", label: t("eligibility"), value: t("eligibilityDone"), change: change("/book/eligibility", t("eligibility")) },
    ...travelers,
    { key: "phone", label: t("phone"), value: <span dir="ltr" className="whitespace-nowrap">{phone || t("notGiven")}</span>, change: change("/book/contact", t("phone")) },
    { key: "email", label: t("email"), value: <span dir="ltr">{draft.contact.email || t("notGiven")}</span>, change: change("/book/contact", t("email")) },
    {
      key: "photos",
      label: t("photos"),
      value: (
        <>
          <span className="block">{t("photosDone", { count: draft.travelers.length })}</span>
          <span className="mt-2 flex flex-wrap gap-3">
            {draft.travelers.map((x) => {
              const url = photos?.get(x.id);
              // A passport photo's shape (35 × 45), large enough to see that it is the right face.
              // eslint-disable-next-line @next/next/no-img-element -- a blob: URL on this device, nothing for next/image to optimize
              return url ? <img key={x.id} src={url} alt={t("photoOf", { name: displayName(x) })} width={84} height={108} className="h-27 w-21 border-2 border-gray-900 object-cover" /> : null;
            })}
          </span>
        </>
      ),
      change: change("/book/photos", t("photos")),
    },
    { key: "port", label: t("port"), value: port ? <PortName port={port} /> : draft.portId, change: change("/book/port", t("port")) },
    {
      key: "time",
      label: t("time"),
      value: port?.mode === "draw" ? t("drawRequest") : draft.slot && port ? formatSlotRange(draft.slot, port.timeZone, locale) : "",
      change: change("/book/port", t("time")),
    },
  ];
}

/** A country by its alpha-3 code; ICAO's stateless and refugee codes by their messages. */
function country(code: string, tForm: TForm, locale: string): string {
  const named = countryName(locale, code);
  if (named) return named;
  return code === "XXA" || code === "XXB" || code === "XXC" || code === "XXX" ? tForm(`nationalityOnly.${code}`) : code;
}

type Change = (href: string, what: string) => { href: string; label: string; what: string };

function TravelerDetails({ traveler: x, t, tForm, locale, change }: { traveler: TravelerDraft; t: T; tForm: TForm; locale: string; change: Change }) {
  // The row's own "Change" opens the first of the traveler's screens; answers asked on a later
  // screen get their own link, so no answer is more than one tap from being corrected.
  const onScreen = (field: string, label: string) => change(travelerHref(x.id, field), `${label}, ${displayName(x)}`);
  const details: [label: string, value: string, change?: ReturnType<Change>][] = [
    [t("details.dateOfBirth"), formatDate(isoDate(x.dateOfBirth), locale)],
    [t("details.sex"), x.sex ? t(`sexOptions.${x.sex}`) : t("notGiven")],
    [t("details.nationality"), country(x.nationality, tForm, locale), onScreen("nationality", t("details.nationality"))],
    [t("details.countryOfBirth"), country(x.countryOfBirth, tForm, locale), onScreen("countryOfBirth", t("details.countryOfBirth"))],
    [
      t("details.document"),
      x.documentType
        ? t("documentValue", { type: t(`documentTypes.${x.documentType}`), number: `\u2066${x.documentNumber}\u2069`, country: country(x.documentCountry, tForm, locale) })
        : t("noDocument"),
      onScreen("documentType", t("details.document")),
    ],
    [t("details.language"), (x.preferredLanguage && languageName(locale, x.preferredLanguage)) || x.preferredLanguage || t("notGiven"), onScreen("preferredLanguage", t("details.language"))],
  ];
  return (
    <>
      <span className="block font-semibold">{displayName(x)}</span>
      <dl className="mt-1">
        {details.map(([label, value, fix]) => (
          <div key={label} className="mt-1">
            <dt className="inline font-semibold after:content-[':_']">{label}</dt>
            <dd className="inline">{value}</dd>
            {fix && (
              <dd className="inline ps-2">
                <Link href={fix.href} className="link inline-flex min-h-11 min-w-11 items-center">
                  {fix.label}
                  <span className="sr-only"> {fix.what}</span>
                </Link>
              </dd>
            )}
          </div>
        ))}
      </dl>
    </>
  );
}
