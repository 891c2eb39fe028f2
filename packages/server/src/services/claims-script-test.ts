import type { ScriptTestResultDto } from '@gatehouse/client/dto';
import { mergeCustomClaims } from '../domain/claims/index.ts';
import type { ScriptLimitsInput, ScriptRunner } from '../sandbox/index.ts';

export interface ScriptTestInput {
  script: string;
  environmentVariables: Record<string, string>;
  token: Record<string, unknown>;
  context: Record<string, unknown>;
}

/**
 * Runs a custom-claims script on a sample token and context without saving it, with the
 * limits tokens get, and reports what issuance would do: the merged claims (reserved ones
 * dropped, with a warning each) or the failure.
 */
export async function testClaimsScript(
  deps: { runner: ScriptRunner; scriptLimits: ScriptLimitsInput },
  input: ScriptTestInput,
): Promise<ScriptTestResultDto> {
  const result = await deps.runner.run(
    input.script,
    { token: input.token, context: input.context, environmentVariables: input.environmentVariables },
    deps.scriptLimits,
  );
  if (!result.ok) return { error: { message: result.message, line: result.line, column: result.column, kind: result.kind } };
  const { claims, dropped } = mergeCustomClaims({}, result.claims);
  return {
    claims,
    warnings: [...result.warnings, ...dropped.map((c) => `reserved claim "${c}" cannot be overwritten and was dropped`)],
  };
}
