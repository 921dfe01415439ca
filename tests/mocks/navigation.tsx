import type { AnchorHTMLAttributes } from "react";
import { vi } from "vitest";

/**
 * Next.js's router exists only inside a Next.js app, so component tests put this in place of
 * `@/lib/shared/i18n/navigation` and `next/navigation`: links are plain anchors, and where the app
 * would go is recorded (`router.push`, `router.replace`) for the test to check.
 */
export const router = { push: vi.fn(), replace: vi.fn(), back: vi.fn(), refresh: vi.fn(), prefetch: vi.fn(), forward: vi.fn() };
export const location = { search: new URLSearchParams() };

export const i18nNavigation = {
  Link: ({ href, prefetch: _prefetch, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; prefetch?: boolean }) => <a href={href} {...props} />,
  useRouter: () => router,
  usePathname: () => "/",
};

export const nextNavigation = {
  useSearchParams: () => location.search,
  useRouter: () => router,
  usePathname: () => "/",
};
