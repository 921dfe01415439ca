"use client";
import { useLocale } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { onUpdateReady, startServiceWorker, type ShellControl } from "@/lib/offline/client/register";
import { persistStorage, storageIsLow } from "@/lib/offline/client/storage";
import { OfflineBanner } from "./offline-banner";
import { StorageWarning } from "./storage-warning";
import { UpdateNotice } from "./update-notice";

// A client-side step change asks the server for a new version at most this often.
const UPDATE_CHECK_EVERY_MS = 5 * 60_000;
const STORAGE_CHECK_EVERY_MS = 60_000;

/**
 * Everything the app needs to work offline, mounted once per page by the locale layout: the
 * service worker, the offline banner, the "new version" notice and the low-space warning.
 */
export function OfflineShell() {
  const locale = useLocale();
  const pathname = usePathname();
  const control = useRef<ShellControl | null>(null);
  const lastCheck = useRef<number | null>(null);
  const [updateReady, setUpdateReady] = useState(false);
  const [lowSpace, setLowSpace] = useState(false);

  useEffect(() => onUpdateReady(() => setUpdateReady(true)), []);

  useEffect(() => {
    void startServiceWorker().then((c) => {
      control.current = c;
      c?.storeLocale(locale);
    });
  }, [locale]);

  // Each step shown is reported: the worker's side applies a waiting version when the step
  // changes (see register.ts), and now and then asks the server for a new one.
  useEffect(() => {
    void startServiceWorker().then((c) => {
      c?.stepShown(pathname);
      const now = Date.now();
      // The first step shown starts the clock: the worker was registered (and checked) just now.
      lastCheck.current ??= now;
      if (!c || now - lastCheck.current < UPDATE_CHECK_EVERY_MS) return;
      lastCheck.current = now;
      void c.checkForUpdate();
    });
  }, [pathname]);

  useEffect(() => {
    const askPersistence = () => void persistStorage();
    document.addEventListener("change", askPersistence, { once: true });
    const check = () => void storageIsLow().then(setLowSpace);
    check();
    const timer = window.setInterval(check, STORAGE_CHECK_EVERY_MS);
    return () => {
      document.removeEventListener("change", askPersistence);
      window.clearInterval(timer);
    };
  }, []);

  return (
    <>
      <OfflineBanner />
      {updateReady && <UpdateNotice onUpdate={() => control.current?.applyUpdate()} />}
      {lowSpace && <StorageWarning />}
    </>
  );
}
