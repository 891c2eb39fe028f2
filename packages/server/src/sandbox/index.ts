export { defaultScriptLimits } from './limits.ts';
export { createScriptRunner } from './runner.ts';
export type {
  ScriptFailureKind,
  ScriptFetchLimits,
  ScriptInput,
  ScriptLimits,
  ScriptLimitsInput,
  ScriptResult,
  ScriptRunner,
  ScriptRunnerOptions,
} from './types.ts';
