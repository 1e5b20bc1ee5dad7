/**
 * Uploading a file the user accepted on a consent card: one PUT to the OneDrive upload session Teams gave
 * (`uploadInfo.uploadUrl`), with `Content-Length` and `Content-Range` and **no** Authorization header (the URL is
 * pre-authenticated). Files the bot sends are far below 60 MiB, so one request is enough.
 */

/** How long an upload may take before the bot gives up and tells the user. */
export const UPLOAD_TIMEOUT_MS = 8_000;

/** How an upload ended: done, or why not (the status, or no answer in time). */
export type UploadOutcome = { ok: true } | { ok: false; status: number | null };

/**
 * PUTs `bytes` to `uploadUrl` in one request; 200/201 is done. Never throws for the network: a refused, failed or
 * silent upload is an outcome.
 */
export async function uploadFile(
  uploadUrl: string,
  bytes: Uint8Array,
  options: { timeoutMs?: number } = {},
): Promise<UploadOutcome> {
  const size = bytes.byteLength;
  try {
    const response = await fetch(uploadUrl, {
      method: 'PUT',
      headers: {
        'Content-Length': String(size),
        'Content-Range': `bytes 0-${size - 1}/${size}`,
      },
      body: bytes,
      signal: AbortSignal.timeout(options.timeoutMs ?? UPLOAD_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status === 200 || response.status === 201
      ? { ok: true }
      : { ok: false, status: response.status };
  } catch {
    // Aborted by the timeout, or no connection: the outcome says so; the caller tells the user.
    return { ok: false, status: null };
  }
}

/** Whether an upload URL is one the bot PUTs to: https, or in local mode also the loopback (the test connector). */
export function uploadUrlAllowed(url: string, localMode: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return localMode && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
}
