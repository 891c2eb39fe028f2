// The outbox's cost on the write path (issue 13): closed-loop role assignment through the
// Management API, each connection toggling one role on its own user (POST then DELETE; each
// is one change, one audit entry and, with a subscribed hook, one outbox event and delivery).
// A loopback receiver counts deliveries, so delivery throughput is measured on the same run.
import { createServer } from 'node:http';

export async function startCountingReceiver() {
  const arrivals = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push(performance.now());
      res.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    arrivals,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `connections` loops for `seconds`; returns a runLoad-like result. */
export async function roleAssignLoad({ endpoint, token, userIds, roleId, seconds }) {
  const latencies = [];
  let errors = 0;
  let non2xx = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await Promise.all(
    userIds.map(async (userId) => {
      let assigned = false;
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const res = assigned
            ? await fetch(`${endpoint}/api/users/${userId}/roles/${roleId}`, { method: 'DELETE', headers })
            : await fetch(`${endpoint}/api/users/${userId}/roles`, {
                method: 'POST',
                headers,
                body: JSON.stringify({ roleIds: [roleId] }),
              });
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 300) {
            assigned = !assigned;
            latencies.push(performance.now() - t);
          } else non2xx += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const durationS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / durationS,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    requests: latencies.length,
    errors,
    non2xx,
    durationS,
  };
}

/** Waits until `count` deliveries arrived (or `timeoutMs`); deliveries/s over first..last arrival. */
export async function drainDeliveries(receiver, count, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  while (receiver.arrivals.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const got = receiver.arrivals.length;
  const spanS = got > 1 ? (receiver.arrivals[got - 1] - receiver.arrivals[0]) / 1000 : 0;
  return { expected: count, delivered: got, deliveriesPerS: spanS > 0 ? got / spanS : undefined, lastAt: receiver.arrivals[got - 1] };
}
