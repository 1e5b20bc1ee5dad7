/**
 * Checks the two icons the way Teams' app validation does: the colour icon is a 192x192 PNG, the outline icon a
 * 32x32 PNG whose every pixel is either fully transparent or white (Teams tints the outline icon itself, so any other
 * colour or a background would show as a smudge).
 */
import { PNG } from 'pngjs';

/** The sizes Teams requires, by the key under `icons` in the manifest (`color32x32` is optional). */
export const ICON_SIZES = { color: 192, outline: 32, color32x32: 32 } as const;

/** Which icon a file is, by its key under `icons` in the manifest. */
export type IconKind = keyof typeof ICON_SIZES;

/** Returns one problem line per thing wrong with the icon (none when it is fine). */
export function checkIcon(fileName: string, kind: IconKind, bytes: Buffer): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [
      `${fileName}: är ingen läsbar PNG-bild (${error instanceof Error ? error.message : String(error)}).`,
    ];
  }
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size) {
    return [`${fileName}: ska vara ${size}x${size} pixlar men är ${png.width}x${png.height}.`];
  }
  return kind === 'outline' ? checkOutline(fileName, png) : [];
}

function checkOutline(fileName: string, png: PNG): string[] {
  let wrong = 0;
  let first = '';
  let visible = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a === 0) continue;
    visible++;
    if (r === 255 && g === 255 && b === 255) continue;
    if (wrong++ === 0) {
      const pixel = i / 4;
      first = `x=${pixel % png.width}, y=${Math.floor(pixel / png.width)}: rgba(${r}, ${g}, ${b}, ${a})`;
    }
  }
  const problems: string[] = [];
  if (wrong > 0) {
    problems.push(
      `${fileName}: ${wrong} pixlar är varken genomskinliga eller vita (första vid ${first}); ` +
        'konturikonen ska vara vit på genomskinlig bakgrund.',
    );
  }
  if (visible === 0) problems.push(`${fileName}: bilden är helt genomskinlig; konturikonen syns inte.`);
  return problems;
}
