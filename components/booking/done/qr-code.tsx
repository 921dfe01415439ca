"use client";
import { useMemo } from "react";
import { encode } from "uqr";

/**
 * The appointment token as a QR code an officer scans and verifies offline. Drawn as SVG rects
 * from the encoded matrix (no innerHTML), sharp at any print size.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { data } = encode(value, { ecc: "M", border: 2 });
    const cells = data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : [])));
    return { size: data.length, path: cells.join("") };
  }, [value]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} className="h-auto w-full max-w-xs bg-white" shapeRendering="crispEdges">
      <path d={path} fill="#000" />
    </svg>
  );
}
