import type { ScriptFetchLimits } from './types.ts';

/**
 * The host half of the sandbox's `fetch`. It sees only a JSON request written by the VM and
 * answers with a JSON string, so no host object (Response, Headers, streams) enters QuickJS.
 * Only http(s) URLs are allowed; there is no address filtering, so enabling `fetch` lets the
 * script reach whatever the server can reach (README, "fetch").
 */
interface FetchRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body?: string;
}

export async function performFetch(
  requestJson: string,
  limits: ScriptFetchLimits,
  deadline: number,
  runSignal: AbortSignal,
): Promise<string> {
  const request = JSON.parse(requestJson) as FetchRequest;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new Error(`invalid URL ${JSON.stringify(String(request.url).slice(0, 200))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`unsupported protocol ${url.protocol}`);
  // When the script's own deadline comes first, the run's signal aborts the request, and the
  // run ends as a timeout instead of the script seeing a rejected fetch.
  const remaining = deadline - performance.now();
  const signal = limits.timeoutMs < remaining ? AbortSignal.any([runSignal, AbortSignal.timeout(limits.timeoutMs)]) : runSignal;
  const response = await fetch(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal,
    redirect: 'follow',
  });
  const body = await readCapped(response, limits.maxResponseBytes);
  return JSON.stringify({
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: [...response.headers],
    body,
  });
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`response body exceeds ${maxBytes} bytes`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`response body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'request timed out';
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
