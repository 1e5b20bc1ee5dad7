import type { Host } from './teams';

/** An API answer other than 200: its status picks the message the page shows. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The committees a channel tab chose, from the page's own address (`?committee=…`). */
export function chosenCommittees(): string[] {
  return new URLSearchParams(window.location.search).getAll('committee').filter((name) => name.trim() !== '');
}

/** The query that carries the chosen committees to the API. */
export function committeeQuery(committees: readonly string[]): string {
  const params = new URLSearchParams();
  for (const name of committees) params.append('committee', name);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** GETs an API address with the SSO token (none outside Teams). */
export async function apiGet(host: Host, path: string): Promise<Response> {
  const token = await host.getToken();
  const response = await fetch(`/tab/api/${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    credentials: 'omit',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: unknown };
    throw new ApiError(response.status, typeof body.error === 'string' ? body.error : response.statusText);
  }
  return response;
}

/** GETs JSON from the API. */
export async function getJson<T>(host: Host, path: string): Promise<T> {
  return (await (await apiGet(host, path)).json()) as T;
}

/** Downloads the board report in one format as a file, in the page's language. */
export async function downloadReport(
  host: Host,
  format: string,
  committees: readonly string[],
  lang: string,
): Promise<void> {
  const query = committeeQuery(committees);
  await downloadFile(
    host,
    `report${query ? `${query}&` : '?'}format=${encodeURIComponent(format)}&lang=${encodeURIComponent(lang)}`,
    `rapport.${format}`,
  );
}

/** Downloads an audit's follow-up review pack in one format, in the page's language. */
export async function downloadReviewPack(
  host: Host,
  auditId: string,
  format: string,
  lang: string,
): Promise<void> {
  await downloadFile(
    host,
    `audits/${encodeURIComponent(auditId)}/review?format=${encodeURIComponent(format)}&lang=${encodeURIComponent(lang)}`,
    `uppfoljning.${format}`,
  );
}

/** GETs an API address and saves the answer as a file, named as the server's Content-Disposition says. */
async function downloadFile(host: Host, path: string, fallbackName: string): Promise<void> {
  const response = await apiGet(host, path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a Content-Disposition header: its UTF-8 `filename*` when there is one, else `filename`. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A broken encoding: the plain name below will do.
    }
  }
  return /filename="([^"]+)"/.exec(header)?.[1] ?? null;
}
