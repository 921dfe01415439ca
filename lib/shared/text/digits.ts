/**
 * Digits as people type them. A phone set to Arabic types ٠-٩ (Arabic-Indic), one with a Persian
 * or Urdu keyboard ۰-۹ (Eastern Arabic-Indic), a Chinese or Japanese input method full-width ０-９;
 * the other languages Puerta speaks use 0-9. All of them are the same number to a person.
 */
const ZEROS = [0x30, 0x660, 0x6f0, 0xff10];

// Marks a right-to-left keyboard may slip in around numbers: they are invisible and mean nothing.
const INVISIBLE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every digit of those systems written 0-9, invisible direction marks removed. */
export function asciiDigits(text: string): string {
  let out = "";
  for (const char of text.replace(INVISIBLE, "")) {
    const code = char.codePointAt(0)!;
    const zero = ZEROS.find((z) => code >= z && code <= z + 9);
    out += zero === undefined ? char : String(code - zero);
  }
  return out;
}
