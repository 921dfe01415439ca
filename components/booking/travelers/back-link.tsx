"use client";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { travelerScreens } from "@/lib/scheduling/client/draft";
import { Link } from "@/lib/shared/i18n/navigation";

const ORDER = ["name", "origin", "document", "language"] as const;

/**
 * "Back" to this traveler's previous screen, or to the list from the first one (to "Check your
 * answers" when the person came from there). Before the query is read (and in the prerendered
 * HTML) it leads to the list, which is never wrong.
 */
export function TravelerBackLink({ screen, label }: { screen: (typeof ORDER)[number]; label: string }) {
  return (
    <Suspense fallback={<BackLink href="/book/travelers" label={label} />}>
      <ToPrevious screen={screen} label={label} />
    </Suspense>
  );
}

function ToPrevious({ screen, label }: { screen: (typeof ORDER)[number]; label: string }) {
  const query = useSearchParams();
  const id = query.get("id");
  const index = ORDER.indexOf(screen);
  const fromCheck = query.get("return") === "check";
  const href =
    index === 0 || !id ? (fromCheck ? "/book/check" : "/book/travelers") : `${travelerScreens[index - 1].path}?id=${encodeURIComponent(id)}${fromCheck ? "&return=check" : ""}`;
  return <BackLink href={href} label={label} />;
}

function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="link mb-4 inline-flex min-h-11 items-center text-lg">
      <span aria-hidden="true" className="me-1 rtl:rotate-180">‹</span>
      {label}
    </Link>
  );
}
