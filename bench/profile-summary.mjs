#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time and by
// total (inclusive) time, and self time by package, optionally only for the samples taken
// inside a time window (CLOCK_MONOTONIC microseconds, the clock of process.hrtime, which is
// the profile's clock too, so the bench can cut one profile into its rows).
//
//   node bench/profile-summary.mjs <file.cpuprofile> [--from <us>] [--to <us>] [--top 25]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function location(frame) {
  let url = frame.url ?? '';
  if (url.startsWith('file://')) url = fileURLToPath(url);
  if (url.startsWith('/')) url = relative(root, url);
  return url ? `${url}:${frame.lineNumber + 1}` : '';
}

/** The package a frame belongs to: an npm package, `gatehouse` (our sources), node internals, or V8. */
export function packageOf(frame) {
  const url = frame.url ?? '';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (/packages\/server\/(src|dist)\/|bench\/\.build\/server\//.test(url)) return 'gatehouse';
  if (url.startsWith('node:')) return 'node (internal)';
  if (url === '') {
    if (frame.functionName.startsWith('(')) return frame.functionName; // (garbage collector), (program), (idle)
    return 'native';
  }
  return url.includes('/bench/') ? 'bench' : 'other';
}

export function summarise(profile, { from = -Infinity, to = Infinity, top = 25 } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${location(n.callFrame)}`;

  const self = new Map();
  const total = new Map();
  const byPackage = new Map();
  // Every sample counts as one nominal interval (the median gap). Weighting samples by the gap
  // to the next one would charge the time the thread spent preempted (a busy 2-core machine,
  // crypto in the thread pool) to whatever function ran just before; V8's SIGPROF-driven
  // ticks that land while the thread is off-CPU coalesce into one, so counting samples
  // approximates on-CPU time.
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const w = (deltas[deltas.length >> 1] ?? 1000) / 1000;
  let t = profile.startTime;
  let all = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    const leaf = nodes.get(profile.samples[i]);
    if (!leaf) continue;
    all += w;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += w;
      continue;
    }
    const k = key(leaf);
    self.set(k, (self.get(k) ?? 0) + w);
    const pkg = packageOf(leaf.callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + w);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const n = nodes.get(id);
      const kk = key(n);
      if (n.callFrame.functionName === '(root)' || seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + w);
    }
  }
  const busy = all - idle;
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    intervalMs: w,
    wallMs: (Math.min(to, profile.endTime) - Math.max(from, profile.startTime)) / 1000,
    windowMs: all,
    busyMs: busy,
    idleMs: idle,
    self: sorted(self)
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms, pct: (100 * ms) / busy })),
    total: sorted(total)
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms, pct: (100 * ms) / busy })),
    packages: sorted(byPackage).map(([pkg, ms]) => ({ pkg, ms, pct: (100 * ms) / busy })),
  };
}

export function formatSummary(title, s) {
  const pad = (x, n) => String(x).padStart(n);
  const lines = [
    `== ${title}: main thread on CPU ~${s.busyMs.toFixed(0)} ms (samples x ${s.intervalMs.toFixed(2)} ms) in ${s.wallMs.toFixed(0)} ms of wall time; idle ${s.idleMs.toFixed(0)} ms`,
    '-- self time by package',
    ...s.packages.slice(0, 12).map((p) => `${pad(p.pct.toFixed(1), 6)}%  ${pad(p.ms.toFixed(0), 7)} ms  ${p.pkg}`),
    '-- top functions by self time',
    ...s.self.map((f) => `${pad(f.pct.toFixed(1), 6)}%  ${pad(f.ms.toFixed(0), 7)} ms  ${f.fn}`),
    '-- top functions by total (inclusive) time',
    ...s.total.map((f) => `${pad(f.pct.toFixed(1), 6)}%  ${pad(f.ms.toFixed(0), 7)} ms  ${f.fn}`),
  ];
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  if (!file) {
    process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile> [--from <us>] [--to <us>] [--top 25]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  process.stdout.write(formatSummary(file, summarise(profile, { from: opt('from'), to: opt('to'), top: opt('top') ?? 25 })));
}
