import { createNavigation } from "next-intl/navigation";
import type { ComponentProps } from "react";
import { routing } from "./routing";

const navigation = createNavigation(routing);

// Navigation only through these: they keep the locale prefix on every link.
export const { usePathname, useRouter } = navigation;

/**
 * The locale-keeping Link, without Next.js's prefetching by default: on a prepaid plan every
 * byte counts, and prefetching loads the code of pages the person may never open. (Offline use
 * is the service worker's job, not prefetching's.)
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof navigation.Link>) {
  return <navigation.Link prefetch={prefetch} {...props} />;
}
