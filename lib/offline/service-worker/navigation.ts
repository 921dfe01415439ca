/// <reference lib="webworker" />
import type { RouteHandlerCallback } from "workbox-core/types";
import { cachedPage, lastLocale, localeOf, rememberLocale, warmLocale } from "./locale-pages";

/**
 * Opening a page. A language already used is answered from the device (its pages are static and
 * belong to this build), so a step opens at once on a weak signal and without one. A language not
 * used yet comes from the network and is then stored whole in the background.
 *
 * Offline, what the device lacks (`/`, whose language redirect needs the server, or a language
 * never used) is redirected to the start page of the last language used.
 */
export const handleNavigation: RouteHandlerCallback = async ({ event, request, url }) => {
  const locale = localeOf(url.pathname);
  const cached = locale ? await cachedPage(url.pathname) : undefined;
  if (locale && cached) {
    (event as ExtendableEvent).waitUntil(rememberLocale(locale));
    return cached;
  }
  try {
    const response = await fetch(request);
    if (locale && response.ok) (event as ExtendableEvent).waitUntil(warmLocale(locale).catch(() => undefined));
    return response;
  } catch (error) {
    const fallback = locale && (await cachedPage(`/${locale}`)) ? locale : await lastLocale();
    if (fallback && `/${fallback}` !== url.pathname) return Response.redirect(`/${fallback}`, 302);
    throw error;
  }
};
