import type { SignInExperienceDto } from '@gatehouse/client/dto';
import type { ReactNode } from 'react';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';

/** The fields of the sign-in experience the console edits (the rest is left as it is). */
export type EditableSettings = Pick<
  SignInExperienceDto,
  'signInMode' | 'signUp' | 'passwordPolicy' | 'branding' | 'color' | 'customCss' | 'languageInfo' | 'sentinelPolicy'
>;

export const editableOf = (s: SignInExperienceDto): EditableSettings => ({
  signInMode: s.signInMode,
  signUp: s.signUp,
  passwordPolicy: s.passwordPolicy,
  branding: s.branding,
  color: s.color,
  customCss: s.customCss,
  languageInfo: s.languageInfo,
  sentinelPolicy: s.sentinelPolicy,
});

/** The hosted pages' languages (server: domain/accounts/phrases). */
const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
];

const int = (value: string) => (value.trim() === '' ? undefined : Math.max(0, Math.trunc(Number(value)) || 0));

function Check({ checked, onChange, children }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <label className="choice">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {children}
    </label>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card stack-sm" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function SettingsForm({ value, onChange }: { value: EditableSettings; onChange: (next: EditableSettings) => void }) {
  const set = (patch: Partial<EditableSettings>) => onChange({ ...value, ...patch });
  const { signUp, passwordPolicy: policy, branding, color, languageInfo, sentinelPolicy } = value;
  const toggleIdentifier = (identifier: 'username' | 'email', on: boolean) =>
    set({
      signUp: {
        ...signUp,
        identifiers: on
          ? [...signUp.identifiers.filter((i) => i !== identifier), identifier]
          : signUp.identifiers.filter((i) => i !== identifier),
      },
    });
  return (
    <div className="stack">
      <Section id="sie-mode" title="Sign-in and sign-up">
        <RadioGroup
          legend="Sign-in mode"
          name="sign-in-mode"
          value={value.signInMode}
          onChange={(signInMode) => set({ signInMode })}
          options={[
            { value: 'SignIn', label: 'Sign in only (admins create accounts)' },
            { value: 'SignInAndRegister', label: 'Sign in and create an account' },
            { value: 'Register', label: 'Create an account only' },
          ]}
        />
        <fieldset className="field">
          <legend>Sign-up identifiers</legend>
          <div className="choices">
            <Check checked={signUp.identifiers.includes('username')} onChange={(on) => toggleIdentifier('username', on)}>
              Username
            </Check>
            <Check checked={signUp.identifiers.includes('email')} onChange={(on) => toggleIdentifier('email', on)}>
              Email (verified with a code)
            </Check>
          </div>
        </fieldset>
      </Section>
      <Section id="sie-password" title="Password policy">
        <div className="grid-2">
          <TextField
            label="Minimum length"
            type="number"
            inputMode="numeric"
            value={String(policy.length.min)}
            onChange={(v) => set({ passwordPolicy: { ...policy, length: { ...policy.length, min: int(v) ?? 8 } } })}
          />
          <TextField
            label="Character types to mix (1-4)"
            type="number"
            inputMode="numeric"
            value={String(policy.characterTypes.min)}
            onChange={(v) => set({ passwordPolicy: { ...policy, characterTypes: { min: Math.min(4, Math.max(1, int(v) ?? 1)) } } })}
          />
        </div>
        <div className="choices">
          <Check
            checked={policy.rejects.pwned}
            onChange={(pwned) => set({ passwordPolicy: { ...policy, rejects: { ...policy.rejects, pwned } } })}
          >
            Refuse breached passwords
          </Check>
          <Check
            checked={policy.rejects.repetitionAndSequence}
            onChange={(repetitionAndSequence) =>
              set({ passwordPolicy: { ...policy, rejects: { ...policy.rejects, repetitionAndSequence } } })
            }
          >
            Refuse repetitions and sequences
          </Check>
          <Check
            checked={policy.rejects.userInfo}
            onChange={(userInfo) => set({ passwordPolicy: { ...policy, rejects: { ...policy.rejects, userInfo } } })}
          >
            Refuse the user&apos;s own name or email
          </Check>
        </div>
      </Section>
      <Section id="sie-branding" title="Branding">
        <div className="grid-2">
          <TextField
            label="Logo URL"
            type="url"
            placeholder="https://…/logo.svg"
            value={branding.logoUrl ?? ''}
            onChange={(logoUrl) => set({ branding: { ...branding, logoUrl } })}
          />
          <TextField
            label="Dark-mode logo URL"
            type="url"
            placeholder="https://…/logo-dark.svg"
            value={branding.darkLogoUrl ?? ''}
            onChange={(darkLogoUrl) => set({ branding: { ...branding, darkLogoUrl } })}
          />
          <TextField
            label="Brand color"
            placeholder="#RRGGBB"
            value={color.primaryColor}
            onChange={(primaryColor) => set({ color: { ...color, primaryColor } })}
          />
          <TextField
            label="Dark-mode brand color"
            placeholder="#RRGGBB"
            value={color.darkPrimaryColor}
            onChange={(darkPrimaryColor) => set({ color: { ...color, darkPrimaryColor } })}
          />
        </div>
        <Check checked={color.isDarkModeEnabled} onChange={(isDarkModeEnabled) => set({ color: { ...color, isDarkModeEnabled } })}>
          Follow the visitor&apos;s dark mode
        </Check>
        <TextAreaField
          label="Custom CSS"
          rows={5}
          placeholder="main { border-radius: 16px; }"
          value={value.customCss ?? ''}
          onChange={(css) => set({ customCss: css === '' ? null : css })}
          hint="Appended last to the hosted pages' stylesheet (loaded under their CSP; no scripts)."
        />
      </Section>
      <Section id="sie-languages" title="Languages">
        <div className="grid-2">
          <SelectField
            label="Fallback language"
            value={languageInfo.fallbackLanguage}
            onChange={(fallbackLanguage) => set({ languageInfo: { ...languageInfo, fallbackLanguage } })}
            options={LANGUAGES}
          />
        </div>
        <Check checked={languageInfo.autoDetect} onChange={(autoDetect) => set({ languageInfo: { ...languageInfo, autoDetect } })}>
          Use the browser&apos;s language when the pages speak it
        </Check>
      </Section>
      <Section id="sie-lockout" title="Lockout after failed sign-ins">
        <div className="grid-2">
          <TextField
            label="Failed attempts before a lock"
            type="number"
            inputMode="numeric"
            placeholder="Server default"
            value={sentinelPolicy.maxAttempts === undefined ? '' : String(sentinelPolicy.maxAttempts)}
            onChange={(v) => set({ sentinelPolicy: { ...sentinelPolicy, maxAttempts: int(v) } })}
          />
          <TextField
            label="Lock duration (minutes)"
            type="number"
            inputMode="numeric"
            placeholder="Server default"
            value={sentinelPolicy.lockoutDuration === undefined ? '' : String(sentinelPolicy.lockoutDuration)}
            onChange={(v) => set({ sentinelPolicy: { ...sentinelPolicy, lockoutDuration: int(v) } })}
          />
        </div>
      </Section>
    </div>
  );
}
