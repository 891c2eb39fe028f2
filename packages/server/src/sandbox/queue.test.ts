import { describe, expect, it } from 'vitest';
import { createScriptRunner, type ScriptInput } from './index.ts';

const input: ScriptInput = { token: {}, context: {}, environmentVariables: {} };
const looping = 'const getCustomJwtClaims = () => { for (;;) {} };';
const trivial = 'const getCustomJwtClaims = () => ({ ok: 1 });';

describe('the bounded run queue', () => {
  it('refuses a run with kind busy when every worker is full and the queue is at its bound', async () => {
    const runner = createScriptRunner({ timeoutMs: 2000 }, { poolSize: 1, maxInFlightPerWorker: 1, maxQueued: 1 });
    try {
      const running = runner.run(looping, input); // occupies the only worker
      const queued = runner.run(trivial, input); // waits: the queue holds one
      const refused = await runner.run(trivial, input);
      expect(refused).toMatchObject({ ok: false, kind: 'busy' });
      // The admitted runs are unaffected: the loop times out, the queued run then succeeds.
      expect(await running).toMatchObject({ ok: false, kind: 'timeout' });
      expect(await queued).toMatchObject({ ok: true, claims: { ok: 1 } });
      // Room again: runs are admitted once the queue drains.
      expect(await runner.run(trivial, input)).toMatchObject({ ok: true });
    } finally {
      await runner.close();
    }
  });

  it('bounds the default queue by the pool: poolSize x maxInFlightPerWorker may wait', async () => {
    const runner = createScriptRunner({ timeoutMs: 2000 }, { poolSize: 1, maxInFlightPerWorker: 2 });
    try {
      const admitted = Array.from({ length: 4 }, () => runner.run(looping, input)); // 2 in flight + 2 waiting
      expect(await runner.run(trivial, input)).toMatchObject({ ok: false, kind: 'busy' });
      await runner.close();
      for (const result of await Promise.all(admitted)) expect(result.ok ? 'ok' : result.kind).not.toBe('busy');
    } finally {
      await runner.close();
    }
  });
});
