import { Button } from '../../ui/button.tsx';
import { ActionsHeader } from '../../ui/data-table.tsx';

export interface EnvRow {
  key: string;
  value: string;
}

export const toRows = (vars: Record<string, string>): EnvRow[] => Object.entries(vars).map(([key, value]) => ({ key, value }));
export const toRecord = (rows: EnvRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), r.value]));

// The server's rule for variable names (routes/jwt-customizer.ts).
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Problems with the rows (blank or invalid name, duplicates), by row index. */
export function envErrors(rows: EnvRow[]): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = row.key.trim();
    if (key === '' && row.value !== '') errors[i] = 'A value needs a name.';
    else if (key !== '' && !NAME.test(key)) errors[i] = 'Use letters, digits and _, not starting with a digit.';
    else if (key !== '' && seen.has(key)) errors[i] = `${key} is defined twice.`;
    seen.add(key);
  });
  return errors;
}

/** Key/value editor for the script's `environmentVariables`. */
export function EnvTable({ rows, onChange }: { rows: EnvRow[]; onChange: (rows: EnvRow[]) => void }) {
  const errors = envErrors(rows);
  const update = (i: number, patch: Partial<EnvRow>) => onChange(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  return (
    <div className="stack-sm">
      {rows.length === 0 ? (
        <p className="muted small">No variables. Scripts read them as environmentVariables.NAME.</p>
      ) : (
        <table className="table kv-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <ActionsHeader />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td data-label="Name">
                  <input
                    className="input mono"
                    aria-label={`Name of variable ${i + 1}`}
                    value={row.key}
                    onChange={(e) => update(i, { key: e.target.value })}
                    aria-invalid={errors[i] ? true : undefined}
                    aria-describedby={errors[i] ? `env-error-${i}` : undefined}
                    spellCheck={false}
                  />
                  {errors[i] && (
                    <span id={`env-error-${i}`} className="error small">
                      {errors[i]}
                    </span>
                  )}
                </td>
                <td data-label="Value">
                  <input
                    className="input mono"
                    aria-label={`Value of variable ${i + 1}`}
                    value={row.value}
                    onChange={(e) => update(i, { value: e.target.value })}
                    spellCheck={false}
                  />
                </td>
                <td className="actions">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove variable ${row.key || i + 1}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, { key: '', value: '' }])}>
          Add variable
        </Button>
      </div>
    </div>
  );
}
