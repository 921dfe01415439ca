import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

/**
 * The home-screen icons of the web app manifest, made from app/icon.svg (run after changing it;
 * the PNGs are committed in public/icons/). "any" icons are the SVG as drawn; "maskable" ones put
 * it inside the central 70% on a full-bleed background, so a launcher's circle or squircle mask
 * never cuts the door.
 */
const ROOT = process.cwd();
const svg = readFileSync(path.join(ROOT, "app", "icon.svg"));
const BACKGROUND = "#1e3a8a";
const out = path.join(ROOT, "public", "icons");
mkdirSync(out, { recursive: true });

async function main() {
  for (const size of [192, 512]) {
    await sharp(svg, { density: 72 * (size / 64) }).resize(size, size).png().toFile(path.join(out, `icon-${size}.png`));
    const inner = Math.round(size * 0.7);
    const art = await sharp(svg, { density: 72 * (inner / 64) }).resize(inner, inner).png().toBuffer();
    await sharp({ create: { width: size, height: size, channels: 4, background: BACKGROUND } })
      .composite([{ input: art, gravity: "center" }])
      .png()
      .toFile(path.join(out, `maskable-${size}.png`));
  }
  console.log(`icons written to ${path.relative(ROOT, out)}`);
}

void main();
