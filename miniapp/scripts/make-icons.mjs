// Draws the app icon (a public building on the province blue) and writes the PNGs the web manifest
// lists. Run with `npm run icons -w miniapp` after changing the drawing; the PNGs are committed.
/* global Buffer, console */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

// The building sits inside the central 80 % so the maskable variant survives any mask shape.
const building = `
  <g fill="#ffffff">
    <path d="M256 112 L392 184 L120 184 Z"/>
    <rect x="132" y="196" width="248" height="20" rx="4"/>
    <rect x="152" y="228" width="32" height="116" rx="6"/>
    <rect x="216" y="228" width="32" height="116" rx="6"/>
    <rect x="264" y="228" width="32" height="116" rx="6"/>
    <rect x="328" y="228" width="32" height="116" rx="6"/>
    <rect x="124" y="356" width="264" height="24" rx="4"/>
    <rect x="108" y="388" width="296" height="20" rx="4"/>
  </g>
  <circle cx="256" cy="158" r="12" fill="#f5c542"/>`;

const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="112" fill="#0b4f8a"/>${building}
</svg>
`;
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="#0b4f8a"/>
  <g transform="translate(51.2 51.2) scale(0.8)">${building}</g>
</svg>
`;

await writeFile(path.join(out, 'icon.svg'), rounded);
await sharp(Buffer.from(rounded))
  .resize(192, 192)
  .png({ compressionLevel: 9 })
  .toFile(path.join(out, 'icon-192.png'));
await sharp(Buffer.from(rounded))
  .resize(512, 512)
  .png({ compressionLevel: 9 })
  .toFile(path.join(out, 'icon-512.png'));
await sharp(Buffer.from(maskable))
  .resize(512, 512)
  .png({ compressionLevel: 9 })
  .toFile(path.join(out, 'icon-maskable-512.png'));
console.log(`icons written to ${out}`);
