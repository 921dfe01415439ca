"use client";
import { useState, type ReactNode } from "react";

/**
 * A radio button drawn as a large card (the whole card is the target). Its checked and keyboard
 * focus looks come from React state, not from CSS `:has(:checked)` / `:has(:focus-visible)`: a phone's
 * browser pays for those selectors across the whole list of ports when the page first styles.
 */
export function RadioCard({
  id,
  name,
  checked,
  onChange,
  className = "",
  inputClassName = "",
  children,
}: {
  id: string;
  name: string;
  checked: boolean;
  onChange: () => void;
  /** Extra classes: the card's (e.g. alignment) and the radio's. */
  className?: string;
  inputClassName?: string;
  children: ReactNode;
}) {
  const [keyboardFocus, setKeyboardFocus] = useState(false);
  return (
    <label
      htmlFor={id}
      className={`flex min-h-11 cursor-pointer gap-3 rounded border-2 p-3 ${checked ? "border-blue-800 bg-blue-50" : "border-gray-400"} ${keyboardFocus ? "outline-4 outline-yellow-400" : ""} ${className}`}
    >
      <input
        id={id}
        type="radio"
        name={name}
        className={`h-6 w-6 shrink-0 accent-blue-800 focus-visible:outline-none ${inputClassName}`}
        checked={checked}
        onChange={onChange}
        // The ring is drawn round the card, and only for keyboard focus (as :focus-visible decides).
        onFocus={(event) => setKeyboardFocus(event.currentTarget.matches(":focus-visible"))}
        onBlur={() => setKeyboardFocus(false)}
      />
      {children}
    </label>
  );
}
