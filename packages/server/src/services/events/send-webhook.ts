import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './address-policy.ts';

/*
 * One webhook POST. node:http(s) rather than fetch: the address check must happen where the
 * socket connects (a `lookup` hook), not in a separate DNS query before it, or a hostname
 * that answers a public address first and 127.0.0.1 next (DNS rebinding) gets through; and
 * node:http never follows redirects (a 3xx is an answer like any other).
 */

export const USER_AGENT = 'Gatehouse (Logto-compatible webhooks)';
const MAX_RESPONSE_BYTES = 4096;

export class AddressRefusedError extends Error {
  constructor(host: string) {
    super(`${host} resolves to a loopback, link-local or private address (HOOKS_ALLOW_PRIVATE_URLS is off)`);
    this.name = 'AddressRefusedError';
  }
}

export interface WebhookResponse {
  status: number;
  /** The first 4 KiB of the body, as text. */
  body: string;
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) return callback(new AddressRefusedError(hostname), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/** Refuses a URL whose host is an IP literal in a refused range (those skip the lookup hook). */
function assertAllowedHost(url: URL, allowPrivate: boolean): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) throw new AddressRefusedError(host);
}

/** Resolves a hostname the way a delivery would and refuses it if it names a refused address. */
export async function checkHostResolves(url: URL, allowPrivate: boolean): Promise<void> {
  assertAllowedHost(url, allowPrivate);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate || isIP(host) !== 0) return;
  await new Promise<void>((resolve, reject) => {
    guardedLookup(false)(host, { all: true }, (err) => {
      // A name that does not resolve now may later; only a refused address is an error here.
      if (err instanceof AddressRefusedError) reject(err);
      else resolve();
    });
  });
}

export async function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<WebhookResponse> {
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported scheme ${url.protocol}`);
  assertAllowedHost(url, options.allowPrivate);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookResponse>((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowPrivate),
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8') });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.end(body);
  });
}

export type AttemptOutcome = 'delivered' | 'retry' | 'failed';

/** 2xx delivered; 408, 429 and 5xx (and network errors, timeouts) retried; other answers final. */
export function classifyStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'failed';
}
