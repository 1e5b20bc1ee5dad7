/**
 * Draws the app's Teams icons: a checklist on a clipboard, with a magnifying glass in the colour icon (the audit
 * looks closely, the checklist is the follow-up). Run `npx tsx scripts/appPackage/drawIcons.ts` after changing a
 * shape; it rewrites `appPackage/color.png` and `appPackage/outline.png`, and a test fails if the committed files
 * differ from what this file draws.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { Canvas, circle, polyline, roundedRect, segment, stroke, union } from './raster';

/** The municipality-blue palette. `accentColor` in the manifest is `BLUE`, so Teams' tile matches the icon. */
export const PALETTE = {
  BLUE: '#1f5ba6',
  NAVY: '#0e3b73',
  WHITE: '#ffffff',
  PALE_BLUE: '#a9c1e3',
  GLASS: '#dce8f7',
  GREEN: '#2a9d5c',
} as const;

/** Teams' sizes: the colour icon is 192x192, the outline icon 32x32. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/**
 * The colour icon, 192x192: a white clipboard with three rows on municipality blue, two of them ticked, and a
 * magnifying glass over the last one. Teams rounds the tile's corners itself, so the background fills the square.
 */
export function drawColorIcon(): PNG {
  const { BLUE, NAVY, WHITE, PALE_BLUE, GLASS, GREEN } = PALETTE;
  const canvas = new Canvas(COLOR_ICON_SIZE, COLOR_ICON_SIZE);
  canvas.fill(() => -1, BLUE);
  canvas.fill(roundedRect(48, 38, 144, 160, 12), WHITE);
  canvas.fill(roundedRect(74, 28, 118, 52, 8), NAVY);
  canvas.fill(circle(96, 36, 4), BLUE);

  const rows = [74, 102, 130];
  rows.forEach((y, index) => {
    canvas.fill(stroke(roundedRect(62, y - 9, 80, y + 9, 3), 3.5), BLUE);
    // The last row is the one still under review: unticked, with the magnifying glass over its text.
    if (index < 2) canvas.fill(polyline(5, [65.5, y - 0.5], [70.5, y + 4.5], [79.5, y - 7]), GREEN);
    canvas.fill(segment(90, y, index < 2 ? 130 : 104, y, 7), PALE_BLUE);
  });

  const lens = circle(126, 126, 20);
  const handle = segment(141, 141, 160, 160, 12);
  // A white halo first, so that the navy glass stands apart from the clipboard and from the blue background.
  canvas.fill(union(stroke(lens, 12), handle), WHITE);
  canvas.fill(lens, GLASS);
  canvas.fill(union(stroke(lens, 7), segment(141, 141, 158, 158, 8)), NAVY);
  return canvas.toPng();
}

/**
 * The outline icon, 32x32: the same clipboard and two ticked rows, in white on a transparent background as Teams
 * requires (it tints the outline itself). There is no room for the magnifying glass at this size.
 */
export function drawOutlineIcon(): PNG {
  const canvas = new Canvas(OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE);
  const { WHITE } = PALETTE;
  // Straight edges lie on whole pixels so that, at this size, they stay crisp instead of blurring over two pixels.
  canvas.fill(stroke(roundedRect(7, 6, 25, 29, 2.5), 2), WHITE);
  canvas.fill(roundedRect(12, 3, 20, 8, 1.5), WHITE);
  for (const y of [15, 22]) {
    canvas.fill(polyline(2, [10, y], [12, y + 2], [16, y - 2]), WHITE);
    canvas.fill(segment(18.5, y, 22, y, 2), WHITE);
  }
  return canvas.toPng();
}

/** Writes both icons into `dir`. */
export function writeIcons(dir: string): void {
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
}

if (require.main === module) {
  const dir = resolve(__dirname, '../../appPackage');
  writeIcons(dir);
  console.log(`Skrev ${join(dir, 'color.png')} och ${join(dir, 'outline.png')}`);
}
