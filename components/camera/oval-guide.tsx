/** A face-shaped oval with the rest dimmed. Drawn in the stream's pixel units, centred like the check. */
export function OvalGuide({ width, height }: { width: number; height: number }) {
  const rx = 0.27 * Math.min(width, height);
  const ry = 1.3 * rx;
  const [cx, cy] = [width / 2, height / 2];
  const oval = `M${cx - rx} ${cy}a${rx} ${ry} 0 1 0 ${2 * rx} 0a${rx} ${ry} 0 1 0 ${-2 * rx} 0z`;
  return (
    <svg aria-hidden="true" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="pointer-events-none absolute inset-0 size-full">
      <path d={`M0 0H${width}V${height}H0z${oval}`} fillRule="evenodd" fill="rgb(0 0 0 / 0.45)" />
      {/* Dark under light: the outline stays visible against a bright wall and in a dark room. */}
      <path d={oval} fill="none" stroke="black" strokeWidth="6" vectorEffect="non-scaling-stroke" />
      <path d={oval} fill="none" stroke="white" strokeWidth="3" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
