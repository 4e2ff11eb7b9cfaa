// Draws the app icons (a pass key) with signed-distance shapes and writes them as PNGs: `npm run icons`.
// Deterministic: the same pixels every run, so a test can check the committed files against this drawing.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";

/** One RGBA image as raw pixels. */
export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  data: Buffer;
}

/** Accent colour of the app (same as the manifest's accentColor #0063B1). */
const ACCENT = { r: 0x00, g: 0x63, b: 0xb1 };
const WHITE = { r: 0xff, g: 0xff, b: 0xff };

type Point = readonly [number, number];

const circle = (c: Point, r: number) => (p: Point) => Math.hypot(p[0] - c[0], p[1] - c[1]) - r;
const box = (x0: number, y0: number, x1: number, y1: number) => (p: Point) => {
  const dx = Math.max(x0 - p[0], 0, p[0] - x1);
  const dy = Math.max(y0 - p[1], 0, p[1] - y1);
  const outside = Math.hypot(dx, dy);
  return outside > 0 ? outside : Math.max(x0 - p[0], p[0] - x1, y0 - p[1], p[1] - y1);
};

/**
 * The key glyph in a unit square (0..1), tilted 40° around the centre: a bow with a hole, a shaft and two bits.
 * Returns true where a point is inside the key.
 */
function insideKey(x: number, y: number): boolean {
  const angle = (40 * Math.PI) / 180;
  const cx = x - 0.5;
  const cy = y - 0.5;
  // Rotate the sample point back into the upright key's frame.
  const p: Point = [0.5 + cx * Math.cos(angle) + cy * Math.sin(angle), 0.5 - cx * Math.sin(angle) + cy * Math.cos(angle)];
  const bow = circle([0.27, 0.5], 0.2)(p) <= 0 && circle([0.27, 0.5], 0.085)(p) > 0;
  const shaft = box(0.42, 0.45, 0.9, 0.55)(p) <= 0;
  const bit1 = box(0.7, 0.55, 0.77, 0.67)(p) <= 0;
  const bit2 = box(0.82, 0.55, 0.9, 0.7)(p) <= 0;
  return bow || shaft || bit1 || bit2;
}

/** Fraction of the pixel covered by the key (4×4 supersampling), with the glyph scaled into [margin, 1 - margin]. */
function coverage(px: number, py: number, size: number, margin: number): number {
  const n = 4;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const u = (px + (i + 0.5) / n) / size;
      const v = (py + (j + 0.5) / n) / size;
      const x = (u - margin) / (1 - 2 * margin);
      const y = (v - margin) / (1 - 2 * margin);
      if (insideKey(x, y)) hits++;
    }
  }
  return hits / (n * n);
}

/** 192×192 full-colour icon: white key on the accent colour, edge to edge (Teams rounds the corners itself). */
export function drawColorIcon(size = 192): Pixels {
  const data = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 0.17);
      const o = (y * size + x) * 4;
      data[o] = Math.round(ACCENT.r + (WHITE.r - ACCENT.r) * a);
      data[o + 1] = Math.round(ACCENT.g + (WHITE.g - ACCENT.g) * a);
      data[o + 2] = Math.round(ACCENT.b + (WHITE.b - ACCENT.b) * a);
      data[o + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

/** 32×32 outline icon: the key in white on a transparent background, nothing else. */
export function drawOutlineIcon(size = 32): Pixels {
  const data = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 0.04);
      const o = (y * size + x) * 4;
      data[o] = 255;
      data[o + 1] = 255;
      data[o + 2] = 255;
      data[o + 3] = Math.round(255 * a);
    }
  }
  return { width: size, height: size, data };
}

/** Encodes pixels as an RGBA PNG. */
export function encodePng(pixels: Pixels): Buffer {
  const png = new PNG({ width: pixels.width, height: pixels.height, colorType: 6 });
  pixels.data.copy(png.data);
  return PNG.sync.write(png, { colorType: 6 });
}

/** Decodes a PNG into RGBA pixels. */
export function decodePng(bytes: Buffer): Pixels {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

/** Writes color.png and outline.png into a folder (appPackage/ by default). */
export function writeIcons(folder: string): void {
  writeFileSync(path.join(folder, "color.png"), encodePng(drawColorIcon()));
  writeFileSync(path.join(folder, "outline.png"), encodePng(drawOutlineIcon()));
}

if (require.main === module) {
  const folder = path.resolve(__dirname, "..", "..", "appPackage");
  writeIcons(folder);
  console.log(`wrote ${folder}/color.png and outline.png`);
}
