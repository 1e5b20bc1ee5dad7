import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/**
 * Where Teams may frame the tab (teams-facts: Teams web and desktop, Microsoft 365 and Outlook). Nothing else may,
 * which also keeps the page out of other sites' frames (clickjacking).
 */
export const FRAME_ANCESTORS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
] as const;

/**
 * The Content-Security-Policy of every answer under /tab/: the page's own files only, no inline script or style,
 * no plug-ins, no base tag, no form posts, framed only by Teams.
 */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** Headers sent with every answer under /tab/, API and page alike. */
export const TAB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': TAB_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The page the tab opens, and the channel tab's configuration page: the build writes both. */
export const TAB_PAGES = { index: 'index.html', config: 'config.html' } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** File names the page is built into: flat, no directories, nothing hidden. */
const ASSET_NAME = /^[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?:html|js|css|svg|png)$/;

/**
 * The directory the page is built into (`npm run build` writes dist/tab/): found beside the compiled server
 * (dist/src/tab → dist/tab) or, when the server runs from the sources, under dist/ in the project.
 */
export function defaultTabAssetsDir(): string {
  const compiled = resolve(__dirname, '../../tab');
  if (existsSync(join(compiled, TAB_PAGES.index))) return compiled;
  return resolve(__dirname, '../../dist/tab');
}

/**
 * One file of the page, ready to send, with a strong ETag of its content (the page is sent with `no-cache`, so a
 * client asks again each time and is answered 304 while the file is unchanged); null when there is no such file.
 */
export async function readTabAsset(
  dir: string,
  name: string,
): Promise<{ body: Buffer; contentType: string; etag: string } | null> {
  if (!ASSET_NAME.test(name)) return null;
  const contentType = TYPES[extname(name)];
  if (!contentType) return null;
  try {
    const body = await readFile(join(dir, name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return { body, contentType, etag };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
