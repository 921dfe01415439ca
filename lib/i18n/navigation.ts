import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

// Navigation only through these: they keep the locale prefix on every link.
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
