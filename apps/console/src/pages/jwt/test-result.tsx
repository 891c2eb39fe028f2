import type { ScriptFailureKind, ScriptTestResultDto } from '@gatehouse/client/dto';
import { CodeBlock } from '../../ui/code-block.tsx';
import { pretty } from './samples.ts';

const kinds: Record<ScriptFailureKind, string> = {
  syntax: 'Syntax error',
  runtime: 'Runtime error',
  timeout: 'Timed out',
  memory: 'Out of memory',
  output: 'Invalid return value',
  denied: 'Access denied by the script',
  busy: 'Sandbox busy: too many runs waiting, try again',
};

/** The claims the script returned, or its error with the line (highlighted in the editor). */
export function TestResult({ result }: { result: ScriptTestResultDto }) {
  if ('error' in result) {
    const { kind, message, line, column } = result.error;
    return (
      <div className="alert alert-error" role="alert">
        <strong>{kinds[kind] ?? kind}</strong>
        {line !== undefined && (
          <span>
            {' '}
            at line {line}
            {column !== undefined ? `, column ${column}` : ''}
          </span>
        )}
        : {message}
      </div>
    );
  }
  return (
    <div className="stack-sm" role="status">
      <p>
        <strong>The script returned these claims</strong> (added to the token):
      </p>
      <CodeBlock label="Resulting claims">{pretty(result.claims)}</CodeBlock>
      {result.warnings.length > 0 && (
        <div className="alert alert-warning">
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
