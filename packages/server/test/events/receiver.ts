import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook receiver on loopback that checks both signatures the way a receiver would
 * (written from the specs here, not with the server's code) and records every request.
 */
export interface Delivery {
  path: string;
  webhookId: string;
  timestamp: number;
  body: Record<string, any>;
  raw: string;
  logtoSignatureValid: boolean;
  standardSignatureValid: boolean;
  /** The status this receiver answered. */
  answered: number;
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Secrets by path: set from the hook's signingKey once created. */
  secrets: Map<string, string>;
  /** Decides the answer per request (default 200). */
  answer: (path: string, delivery: Delivery) => number;
  waitFor(predicate: (d: Delivery[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function verifyLogto(secret: string, raw: string, header: string | undefined): boolean {
  return header !== undefined && equal(createHmac('sha256', secret).update(raw).digest('hex'), header);
}

function verifyStandard(secret: string, id: string, timestamp: string, raw: string, header: string | undefined): boolean {
  if (!secret.startsWith('whsec_') || header === undefined) return false;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${raw}`).digest('base64')}`;
  // The header may list several space-separated signatures (key rotation).
  return header.split(' ').some((sig) => equal(sig, expected));
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    deliveries: [],
    secrets: new Map(),
    answer: () => 200,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.deliveries)) {
        if (Date.now() > deadline)
          throw new Error(`receiver: condition not met; got ${receiver.deliveries.map((d) => d.body.event).join(', ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const secret = receiver.secrets.get(path) ?? '';
      const id = String(req.headers['webhook-id'] ?? '');
      const ts = String(req.headers['webhook-timestamp'] ?? '');
      const delivery: Delivery = {
        path,
        webhookId: id,
        timestamp: Number(ts),
        body: JSON.parse(raw) as Record<string, any>,
        raw,
        logtoSignatureValid: verifyLogto(secret, raw, req.headers['logto-signature-sha-256'] as string | undefined),
        standardSignatureValid: verifyStandard(secret, id, ts, raw, req.headers['webhook-signature'] as string | undefined),
        answered: 0,
      };
      delivery.answered = receiver.answer(path, delivery);
      receiver.deliveries.push(delivery);
      res.statusCode = delivery.answered;
      res.end(delivery.answered < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
