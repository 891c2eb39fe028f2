// Runs autocannon in its own process (so its CPU is not the orchestrator's) and prints one
// JSON line with the normalised result. Input: a JSON spec in argv[2].
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const { url, connections, duration, method = 'GET', headers = {}, body, rotate } = spec;

const options = { url, connections, duration, method, headers, body, timeout: 10 };
if (rotate) {
  // One header takes each of the given values in turn (e.g. many bearer tokens).
  let n = 0;
  options.requests = [
    {
      setupRequest(req) {
        n = (n + 1) % rotate.values.length;
        return { ...req, headers: { ...req.headers, [rotate.header]: rotate.values[n] } };
      },
    },
  ];
}

process.stdout.write('BENCH_START\n');
const result = await autocannon(options);
const responses = (result['1xx'] ?? 0) + (result['2xx'] ?? 0) + (result['3xx'] ?? 0) + (result['4xx'] ?? 0) + (result['5xx'] ?? 0);
process.stdout.write(
  `BENCH_JSON ${JSON.stringify({
    requests: responses,
    durationS: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors, // includes timeouts
    non2xx: responses - (result['2xx'] ?? 0),
  })}\n`,
);
