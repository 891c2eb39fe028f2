// Drives HTTP load from a separate process: wrk (one thread; C keep-alive connections;
// a generated Lua script sets method/body/headers and prints a JSON summary) when it is
// installed, else autocannon in a child process. Both are closed-loop: every connection
// sends its next request when the previous answer arrived.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuMeter } from './proc.mjs';

export function wrkAvailable() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version
    return error.status === 1;
  }
}

const lua = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

function wrkScript({ method, headers, body, rotate }) {
  const lines = [`wrk.method = ${lua(method)}`];
  if (body !== undefined) lines.push(`wrk.body = ${lua(body)}`);
  for (const [k, v] of Object.entries(headers ?? {})) lines.push(`wrk.headers[${lua(k)}] = ${lua(v)}`);
  if (rotate) {
    // Pre-format one request per header value; request() hands them out in turn.
    lines.push(
      `local values = { ${rotate.values.map(lua).join(', ')} }`,
      'local reqs = {}',
      'local n = 0',
      'init = function(args)',
      '  for i, v in ipairs(values) do',
      '    local h = {}',
      '    for k, x in pairs(wrk.headers) do h[k] = x end',
      `    h[${lua(rotate.header)}] = v`,
      '    reqs[i] = wrk.format(nil, nil, h)',
      '  end',
      'end',
      'request = function()',
      '  n = n % #reqs + 1',
      '  return reqs[n]',
      'end',
    );
  }
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format("\\nBENCH_JSON {\\"requests\\":%d,\\"duration_us\\":%d,\\"connect\\":%d,\\"read\\":%d,\\"write\\":%d,\\"status\\":%d,\\"timeout\\":%d,\\"p50_us\\":%d,\\"p99_us\\":%d,\\"max_us\\":%d}\\n",',
    '    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,',
    '    latency:percentile(50), latency:percentile(99), latency.max))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Runs a load process; `marker` on its stdout says the load has begun, which starts the
 * given CPU meters (the server's, the database's); they stop when the process exits.
 */
export function runChild(cmd, args, { timeoutMs, marker, meters = [] }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      for (const m of meters) m.start();
    };
    // No marker: the tool starts loading at once (wrk), so the window starts at spawn.
    if (!marker) start();
    child.stdout.on('data', (d) => {
      out += d;
      if (!started && out.includes(marker)) start();
    });
    child.stderr.on('data', (d) => (err += d));
    const meter = cpuMeter(() => [child.pid]);
    meter.start();
    let clientCpu = NaN;
    // Sample the client's own CPU until it exits (its /proc entry goes away after).
    const sampler = setInterval(() => {
      const v = meter.stop();
      if (Number.isFinite(v)) clientCpu = v;
    }, 200);
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      if (!started) start();
      const measured = meters.map((m) => m.stop());
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
      if (code !== 0 || !line) return reject(new Error(`${cmd} failed (${code}): ${err || out}`));
      resolve({ json: JSON.parse(line.slice('BENCH_JSON '.length)), clientCpu, measured, stderr: err });
    });
  });
}

/**
 * One load run. spec: { url, method, headers, body, rotate: { header, values } }.
 * Returns { requests, durationS, rps, p50Ms, p99Ms, maxMs, errors, non2xx, clientCpu, measured }
 * (measured: the meters' CPU % over the load window, in the order given).
 */
export async function runLoad(spec, { tool, connections, duration, tmpDir, meters = [] }) {
  const method = spec.method ?? 'GET';
  if (tool === 'wrk') {
    const script = join(tmpDir, `load-${process.hrtime.bigint()}.lua`);
    writeFileSync(script, wrkScript({ ...spec, method }));
    const { json, clientCpu, measured } = await runChild(
      'wrk',
      ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', script, spec.url],
      { timeoutMs: (duration + 30) * 1000, marker: null, meters },
    );
    const durationS = json.duration_us / 1e6;
    return {
      requests: json.requests,
      durationS,
      rps: json.requests / durationS,
      p50Ms: json.p50_us / 1000,
      p99Ms: json.p99_us / 1000,
      maxMs: json.max_us / 1000,
      errors: json.connect + json.read + json.write + json.timeout,
      // wrk counts responses with a status >= 400 (our rows answer 200 or fail with 4xx/5xx).
      non2xx: json.status,
      clientCpu,
      measured,
    };
  }
  const { json, clientCpu, measured } = await runChild(
    process.execPath,
    [join(import.meta.dirname, 'autocannon-worker.mjs'), JSON.stringify({ ...spec, method, connections, duration })],
    { timeoutMs: (duration + 30) * 1000, marker: 'BENCH_START', meters },
  );
  return { ...json, rps: json.requests / json.durationS, clientCpu, measured };
}
