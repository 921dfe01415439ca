import type { ReactNode } from "react";

/**
 * Every page's document (<html lang dir>) is drawn by app/[locale]/layout.tsx, in its language.
 * This root exists only because app/not-found.tsx (paths outside any language) needs one.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
