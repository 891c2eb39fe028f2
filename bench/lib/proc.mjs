// Process accounting from /proc (Linux): CPU time of a process (all its threads, so
// worker threads count) and its resident set size.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // getconf missing: Linux's USER_HZ is 100 everywhere that matters
}

/**
 * utime + stime of a process (all threads) in seconds, or undefined when it is gone.
 * `thread` = the pid itself reads only the main thread (/proc/<pid>/task/<pid>/stat), which
 * is the one a Node server's throughput is bounded by.
 */
function cpuSeconds(pid, thread, { sysOnly = false } = {}) {
  try {
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return ((sysOnly ? 0 : Number(fields[11])) + Number(fields[12])) / clkTck;
  } catch {
    return undefined;
  }
}

/** { rssMb, hwmMb } from /proc/<pid>/status (current and peak resident set). */
export function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
}

/** Pids whose command name is `name` (e.g. every PostgreSQL backend). */
export function pidsNamed(name) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * Measures CPU use of a set of processes over a window: call start(), run the load, call
 * stop() -> percent of one core (100 = one core busy for the whole window).
 */
export function cpuMeter(pidsFn, { mainThreadOnly = false, sysOnly = false } = {}) {
  let before;
  let t0;
  const snapshot = () => {
    const map = new Map();
    for (const pid of pidsFn()) {
      const s = cpuSeconds(pid, mainThreadOnly ? pid : undefined, { sysOnly });
      if (s !== undefined) map.set(pid, s);
    }
    return map;
  };
  return {
    start() {
      before = snapshot();
      t0 = process.hrtime.bigint();
    },
    stop() {
      const after = snapshot();
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (after.size === 0) return NaN;
      let used = 0;
      for (const [pid, s] of after) used += s - (before.get(pid) ?? s);
      return wall > 0 ? (100 * used) / wall : NaN;
    },
  };
}

/** Busy CPU of the whole machine over a window, in percent of one core (2 cores: up to 200). */
export function systemMeter() {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    const idle = f[3] + f[4];
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / clkTck };
  };
  let before;
  let t0;
  return {
    start() {
      before = read();
      t0 = process.hrtime.bigint();
    },
    stop() {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      return wall > 0 ? (100 * (read().busy - before.busy)) / wall : NaN;
    },
  };
}

export function machineInfo() {
  let cpuModel = 'unknown';
  let cores = 0;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpuModel = /^model name\s*:\s*(.*)$/m.exec(info)?.[1] ?? cpuModel;
    cores = (info.match(/^processor\s*:/gm) ?? []).length;
  } catch {
    // not Linux
  }
  let memGb = NaN;
  try {
    memGb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]) / 1024 / 1024;
  } catch {
    // not Linux
  }
  return { cpuModel, cores, memGb: Math.round(memGb * 10) / 10, node: process.version, platform: `${process.platform} ${process.arch}` };
}
