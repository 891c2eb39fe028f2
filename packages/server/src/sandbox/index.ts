export { defaultScriptLimits } from './limits.ts';
export { createScriptRunner } from './runner.ts';
export type { ScriptInput, ScriptLimitsInput, ScriptResult, ScriptRunner } from './types.ts';
