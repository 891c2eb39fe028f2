import type { ScriptLimits, ScriptResult } from './types.ts';

/**
 * Messages between the host and a sandbox worker. Everything in them is plain data
 * (structured-cloned); the input is already a JSON string so the worker hands it to QuickJS
 * without touching it.
 */
export interface WorkerSetup {
  cacheSize: number;
}

export interface RunRequestMessage {
  id: number;
  script: string;
  /** `{"m": maxOutputBytes, "t": token, "c": context, "e": environmentVariables}` */
  inputJson: string;
  limits: ScriptLimits;
}

export interface RunResultMessage {
  id: number;
  result: ScriptResult;
}
