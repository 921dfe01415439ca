"use client";
import { useEffect, useState } from "react";

type PhoneModule = typeof import("@/lib/scheduling/client/phone");

/**
 * libphonenumber-js and its metadata (~30 KB compressed), fetched only once `wanted` (a number is
 * there to read, or the person is about to type one), never with the page: the many people who
 * give no phone never download it. null until it arrives; the field takes typing meanwhile.
 */
export function usePhoneReader(wanted: boolean): PhoneModule | null {
  const [phone, setPhone] = useState<PhoneModule | null>(null);
  useEffect(() => {
    if (!wanted || phone) return;
    let live = true;
    import("@/lib/scheduling/client/phone").then((module) => live && setPhone(module));
    return () => {
      live = false;
    };
  }, [wanted, phone]);
  return phone;
}
