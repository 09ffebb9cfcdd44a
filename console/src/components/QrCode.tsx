import { encode } from 'uqr';

/**
 * A QR code drawn as one SVG path from uqr's module matrix (no canvas, no innerHTML), sharp at any
 * zoom and readable by phone cameras from a desktop screen.
 */
export interface QrCodeProps {
  value: string;
  label: string;
  size?: number;
}

export function QrCode({ value, label, size = 224 }: QrCodeProps) {
  const { data } = encode(value, { ecc: 'M', border: 2 });
  const modules = data.length;
  let d = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shape-rendering="crispEdges"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
