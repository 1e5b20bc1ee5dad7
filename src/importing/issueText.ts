/** How an import error names a place in the file and quotes what the file had, on one readable line. */
import type { PathSegment } from './importSchema';

/** `audits[0].recommendations[2].actions[5].due`, as a reader of the file would name the place. */
export function formatPath(path: PathSegment[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!/^[A-Z_]\w*$/i.test(segment)) return `[${quote(segment)}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/** JSON-quotes `text` and also escapes invisible and bidi characters, which could scramble a terminal line. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
