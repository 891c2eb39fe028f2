import { useState } from 'react';

/** Runs an async action with a busy flag; a failure is kept as `problem` for display, never thrown. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const run = async (...args: A) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action(...args);
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, problem };
}
