import { SelectField } from './field.tsx';
import { setThemeChoice, useThemeChoice, type ThemeChoice } from './theme.ts';

const choices: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark, or whatever the operating system uses. */
export function ThemePicker() {
  const choice = useThemeChoice();
  return <SelectField label="Theme" value={choice} onChange={(v) => setThemeChoice(v as ThemeChoice)} options={choices} />;
}
