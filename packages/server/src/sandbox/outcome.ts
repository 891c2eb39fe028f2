import { scriptFileName, scriptPrefixLines } from './bootstrap.ts';
import type { ScriptFailureKind, ScriptLimits, ScriptResult } from './types.ts';

type Failure = Extract<ScriptResult, { ok: false }>;

export function failure(kind: ScriptFailureKind, message: string, position?: SourcePosition): Failure {
  return position ? { ok: false, kind, message, ...position } : { ok: false, kind, message };
}

export interface SourcePosition {
  line: number;
  column: number;
}

const framePattern = new RegExp(`${scriptFileName.replace(/\./g, '\\.')}:(\\d+):(\\d+)`);

/**
 * The first stack frame inside the user's script, in the user's own line numbers (the
 * wrapper adds {@link scriptPrefixLines} lines before it). Frames in the bootstrap or in
 * built-ins are skipped; a frame on the wrapper's own lines yields nothing.
 */
export function positionFromStack(stack: string, scriptLineCount: number, lineOffset = scriptPrefixLines): SourcePosition | undefined {
  for (const frame of stack.split('\n')) {
    const match = framePattern.exec(frame);
    if (!match) continue;
    const line = Number(match[1]) - lineOffset;
    if (line < 1 || line > scriptLineCount) return undefined;
    return { line, column: Number(match[2]) };
  }
  return undefined;
}

interface VmError {
  name: string;
  message: string;
  stack: string;
}

/** QuickJS reports both resource limits as catchable `InternalError`s. */
export function classifyVmError(error: VmError, limits: ScriptLimits, scriptLineCount: number): Failure {
  const position = positionFromStack(error.stack ?? '', scriptLineCount);
  if (error.name === 'InternalError' && error.message === 'out of memory') {
    return failure('memory', `The script ran out of memory (limit ${formatBytes(limits.memoryBytes)})`, position);
  }
  if (error.name === 'InternalError' && error.message === 'stack overflow') {
    return failure(
      'memory',
      `Maximum call stack size exceeded (limit ${formatBytes(limits.stackBytes)}); is the recursion unbounded?`,
      position,
    );
  }
  const message = error.name === 'Uncaught' ? `Uncaught ${error.message}` : `${error.name}: ${error.message}`;
  return failure('runtime', message, position);
}

/** Decodes what the bootstrap's `finish()` returned: `<warnings JSON>\n<tag><payload>`. */
export function decodeFinish(text: string, limits: ScriptLimits, scriptLineCount: number): ScriptResult {
  const newline = text.indexOf('\n');
  if (newline < 0) return failure('runtime', 'The sandbox returned no result');
  const warnings = JSON.parse(text.slice(0, newline)) as string[];
  const tag = text.charAt(newline + 1);
  const payload = text.slice(newline + 2);
  switch (tag) {
    case 'O': {
      if (Buffer.byteLength(payload, 'utf8') > limits.maxOutputBytes) {
        return failure('output', `The returned claims exceed ${limits.maxOutputBytes} bytes of JSON`);
      }
      // JSON.parse gives a fresh host object; `__proto__` keys become plain own properties.
      return { ok: true, claims: JSON.parse(payload) as Record<string, unknown>, warnings };
    }
    case 'D':
      return failure('denied', payload);
    case 'T':
      return failure('output', payload);
    case 'M':
      return failure(
        'syntax',
        'The script must define getCustomJwtClaims, e.g. `const getCustomJwtClaims = async ({ token, context }) => ({})`',
      );
    case 'E':
      return classifyVmError(JSON.parse(payload) as VmError, limits, scriptLineCount);
    default:
      return failure('runtime', 'The sandbox returned an unknown result');
  }
}

export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function countLines(script: string): number {
  let lines = 1;
  for (let index = script.indexOf('\n'); index >= 0; index = script.indexOf('\n', index + 1)) lines++;
  return lines;
}
