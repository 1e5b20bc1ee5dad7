/**
 * A very small vector rasteriser, just enough to draw the app's two icons in code so that they can be redrawn and
 * reviewed like any other source. Shapes are signed distance functions (negative inside, in pixels); a pixel's
 * coverage is the share of a 4x4 grid of sample points inside the shape, which gives smooth, antialiased edges.
 */
import { PNG } from 'pngjs';

/** Signed distance from (x, y) to a shape's edge, in pixels: negative inside, positive outside. */
export type Shape = (x: number, y: number) => number;

/** A colour as `#rrggbb`. */
export type HexColor = `#${string}`;

/** Sample points per pixel along each axis (16 per pixel): smooth enough at 32x32, quick enough at 192x192. */
const SAMPLES = 4;

/** A rectangle from (x0, y0) to (x1, y1) with corners rounded by `radius`. */
export function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - radius;
  const hy = (y1 - y0) / 2 - radius;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

/** A disc around (cx, cy). */
export function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

/** The segment from (ax, ay) to (bx, by), `width` wide, with round caps. */
export function segment(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t =
      lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2;
  };
}

/** Connected segments through `points`, `width` wide, with round joins: a check mark is one of these. */
export function polyline(width: number, ...points: (readonly [number, number])[]): Shape {
  const parts: Shape[] = [];
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1];
    const [bx, by] = points[i];
    parts.push(segment(ax, ay, bx, by, width));
  }
  return union(...parts);
}

/** The outline of a shape, `width` wide and centred on its edge. */
export function stroke(shape: Shape, width: number): Shape {
  return (x, y) => Math.abs(shape(x, y)) - width / 2;
}

/** Every point inside any of the shapes. */
export function union(...shapes: Shape[]): Shape {
  return (x, y) => Math.min(...shapes.map((shape) => shape(x, y)));
}

/** An RGBA image that shapes are painted onto, one after the other, each over what is already there. */
export class Canvas {
  /** Premultiplied red, green, blue and alpha per pixel, each 0..1, so that painting is one multiply-add. */
  private readonly pixels: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Float64Array(width * height * 4);
  }

  /** Paints `shape` in `color` at `opacity` (0..1) over the canvas. */
  fill(shape: Shape, color: HexColor, opacity = 1): this {
    const [r, g, b] = parseHex(color);
    for (let py = 0; py < this.height; py++) {
      for (let px = 0; px < this.width; px++) {
        const alpha = coverage(shape, px, py) * opacity;
        if (alpha === 0) continue;
        const i = (py * this.width + px) * 4;
        const keep = 1 - alpha;
        this.pixels[i] = r * alpha + this.pixels[i] * keep;
        this.pixels[i + 1] = g * alpha + this.pixels[i + 1] * keep;
        this.pixels[i + 2] = b * alpha + this.pixels[i + 2] * keep;
        this.pixels[i + 3] = alpha + this.pixels[i + 3] * keep;
      }
    }
    return this;
  }

  /** The canvas as an 8-bit RGBA PNG; fully transparent pixels get colour 0,0,0 so that nothing hides in them. */
  toPng(): PNG {
    const png = new PNG({ width: this.width, height: this.height, colorType: 6 });
    for (let i = 0; i < this.pixels.length; i += 4) {
      const alpha = Math.round(this.pixels[i + 3] * 255);
      for (let c = 0; c < 3; c++) {
        png.data[i + c] = alpha === 0 ? 0 : Math.round((this.pixels[i + c] / this.pixels[i + 3]) * 255);
      }
      png.data[i + 3] = alpha;
    }
    return png;
  }
}

function coverage(shape: Shape, px: number, py: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (shape(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES) <= 0) inside++;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

function parseHex(color: HexColor): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) throw new TypeError(`Not a #rrggbb colour: ${color}`);
  return [parseInt(match[1], 16) / 255, parseInt(match[2], 16) / 255, parseInt(match[3], 16) / 255];
}
