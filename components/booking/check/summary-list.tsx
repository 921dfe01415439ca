import type { ReactNode } from "react";
import { Link } from "@/lib/shared/i18n/navigation";

/** `change.what` is read by screen readers only: "Change" alone would not say which answer. */
export type SummaryRow = { key: string; label: string; value: ReactNode; change?: { href: string; label: string; what: string } };

/** GOV.UK's summary list: each answer with a "Change" link that returns here after saving. */
export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  return (
    <dl className="mb-8 divide-y-2 divide-gray-300 border-y-2 border-gray-300">
      {rows.map((row) => (
        <div key={row.key} className="grid gap-1 py-3 sm:grid-cols-[1fr_2fr_auto] sm:gap-4">
          <dt className="text-lg font-semibold">{row.label}</dt>
          <dd className="text-lg break-words">{row.value}</dd>
          {row.change && (
            <dd>
              <Link href={row.change.href} className="link inline-flex min-h-11 min-w-11 items-center justify-center text-lg">
                {row.change.label}
                <span className="sr-only"> {row.change.what}</span>
              </Link>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
