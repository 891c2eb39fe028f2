import type { Phrases, PhraseKey } from '../domain/accounts/phrases/index.ts';
import { fillPhrase } from '../domain/accounts/phrases/index.ts';
import type { MfaFactor } from '../domain/accounts/mfa.ts';
import type { SignInExperience } from '../domain/accounts/sign-in-experience.ts';
import { escapeHtml, PAGE_STYLES } from '../http/html.ts';

/*
 * The hosted sign-in pages: server-rendered HTML, one section per screen, and a small
 * dependency-free module (assets/experience.js) that drives the Experience API. Sign-in also
 * works without JavaScript (the form posts to /sign-in/:uid); the other screens need it.
 * Under the pages' CSP: the base stylesheet by hash, the branding's stylesheet and the module
 * by nonce, nothing inline that runs.
 */
export type Screen = 'sign-in' | 'register' | 'forgot-password' | 'mfa-verify' | 'mfa-bind';

/** The MFA step after a correct password: the user's factors to verify, or the settings' factors to enroll. */
export interface MfaScreen {
  userFactors: readonly MfaFactor[];
  factors: readonly MfaFactor[];
}

export interface SignInPageInput {
  uid: string;
  screen: Screen;
  languageTag: string;
  phrases: Phrases;
  settings: SignInExperience;
  nonce: string;
  csrf: string;
  clientName?: string;
  identifier?: string;
  error?: string;
  /** Other ways to sign in (social and SSO buttons, routes/sign-in.social.ts), already HTML. */
  social?: string;
  mfa?: MfaScreen;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
function textOn(hex: string): string {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#111111' : '#ffffff';
}

const safeColor = (value: string, fallback: string) => (/^#([\da-f]{3}|[\da-f]{6})$/i.test(value) ? value : fallback);

/** The branding's stylesheet: its colours (and dark ones when enabled), the screens' layout, the custom CSS last. */
function brandingCss(settings: SignInExperience): string {
  const { color } = settings;
  const primary = safeColor(color.primaryColor, '#6139F6');
  const dark = safeColor(color.darkPrimaryColor, '#8768F8');
  const darkRules = color.isDarkModeEnabled
    ? `@media (prefers-color-scheme:dark){:root{--accent:${dark};--accent-fg:${textOn(dark)}}}`
    : // Dark mode off: the pages stay light whatever the system prefers.
      ':root{color-scheme:light;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--err:#b42318;--border:#d9dde3}';
  const layout = `:root{--accent:${primary};--accent-fg:${textOn(primary)}}${darkRules}
button{color:var(--accent-fg)}button[disabled]{opacity:.6;cursor:progress}
.notice{background:color-mix(in srgb,var(--accent) 12%,transparent);border-radius:8px;padding:10px 12px;margin:0 0 12px;color:var(--fg)}
.links{margin:16px 0 0;color:var(--muted)}.secondary{background:transparent;color:var(--accent);border:1px solid var(--border)}
.policy{margin:10px 0 0;padding:0;list-style:none;color:var(--muted);font-size:14px}.policy li::before{content:"○ ";}
.policy li.ok{color:var(--fg)}.policy li.ok::before{content:"✓ ";}.hint{font-size:14px;margin:8px 0 0}
.logo{max-height:40px;max-width:200px}[hidden]{display:none!important}`;
  // Custom CSS cannot end the style element early.
  return `${layout}\n${(settings.customCss ?? '').replace(/<\/style/gi, '<\\/style')}`;
}

/** The JSON the module reads; `<` escaped so the data block cannot be closed from inside. */
function configJson(input: SignInPageInput): string {
  const { settings } = input;
  return JSON.stringify({
    uid: input.uid,
    phrases: input.phrases,
    policy: { length: settings.passwordPolicy.length, characterTypes: settings.passwordPolicy.characterTypes },
  }).replace(/</g, '\\u003c');
}

const TITLES: Record<Screen, PhraseKey> = {
  'sign-in': 'page.sign_in.title',
  register: 'page.register.title',
  'forgot-password': 'page.forgot.title',
  'mfa-verify': 'page.mfa.title',
  'mfa-bind': 'page.mfa_bind.title',
};
const titleOf = (screen: Screen) => TITLES[screen];

/**
 * The second-factor screens (shown after a correct password; the module drives the Experience
 * API's MFA endpoints and its submit): verify one of the user's factors, or, under a Mandatory
 * policy, enroll one (TOTP with the server-made QR code, or a passkey).
 */
function mfaSections(screen: Screen, mfa: MfaScreen, t: (key: PhraseKey, values?: Record<string, string | number>) => string): string {
  const has = (f: MfaFactor) => mfa.userFactors.includes(f);
  const offers = (f: MfaFactor) => mfa.factors.includes(f);
  const codeInput = (id: string) =>
    `<input id="${id}" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>`;
  const verify = `<section id="screen-mfa-verify"${screen === 'mfa-verify' ? '' : ' hidden'}>
<h1>${t('page.mfa.title')}</h1><p>${t('page.mfa.subtitle')}</p>
${has('Totp') ? `<form id="mfa-totp-form" novalidate><label for="mfa-code">${t('input.totp_code')}</label>${codeInput('mfa-code')}<button type="submit">${t('action.verify')}</button></form>` : ''}
${has('WebAuthn') ? `<p><button type="button" class="secondary" id="mfa-webauthn">${t('action.use_passkey')}</button></p>` : ''}
${has('BackupCode') ? `<form id="mfa-backup-form" novalidate><label for="mfa-backup">${t('input.backup_code')}</label><input id="mfa-backup" name="code" autocomplete="off" maxlength="32" required><button type="submit" class="secondary">${t('action.use_backup_code')}</button></form>` : ''}
</section>`;
  const bind = `<section id="screen-mfa-bind"${screen === 'mfa-bind' ? '' : ' hidden'}>
<h1>${t('page.mfa_bind.title')}</h1><p>${t('page.mfa_bind.subtitle')}</p>
${offers('Totp') ? `<div id="mfa-bind-totp"><img id="mfa-qr" width="200" height="200" alt="${t('mfa.qr_alt')}" hidden><p class="hint" id="mfa-secret"></p><form id="mfa-bind-totp-form" novalidate><label for="mfa-bind-code">${t('input.totp_code')}</label>${codeInput('mfa-bind-code')}<button type="submit">${t('action.verify')}</button></form></div>` : ''}
${offers('WebAuthn') ? `<p><button type="button" class="secondary" id="mfa-bind-webauthn">${t('action.add_passkey')}</button></p>` : ''}
</section>`;
  return screen === 'mfa-verify' ? verify : bind;
}

export function renderSignInPage(input: SignInPageInput): string {
  const { settings, phrases, uid } = input;
  const t = (key: PhraseKey, values?: Record<string, string | number>) => escapeHtml(fillPhrase(phrases[key], values));
  const app = input.clientName ?? 'the application';
  const canRegister = settings.signInMode !== 'SignIn';
  const canSignIn = settings.signInMode !== 'Register';
  const canReset = settings.forgotPasswordMethods.includes('EmailVerificationCode');
  const byEmail = settings.signUp.identifiers.includes('email');
  const shown = (screen: Screen) => (input.screen === screen ? '' : ' hidden');
  const go = (screen: Screen, label: string) => `<a href="?screen=${screen}" data-go="${screen}">${label}</a>`;
  const { branding } = settings;
  const logo = branding.logoUrl
    ? `<picture>${branding.darkLogoUrl && settings.color.isDarkModeEnabled ? `<source srcset="${escapeHtml(branding.darkLogoUrl)}" media="(prefers-color-scheme: dark)">` : ''}<img class="logo" src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(app)}"></picture>`
    : 'Gatehouse';
  const policy = settings.passwordPolicy;
  const policyList = `<p class="hint" id="policy-title">${t('policy.title')}</p><ul class="policy" aria-labelledby="policy-title">
<li data-rule="length">${t('policy.length', { min: policy.length.min })}</li>
${policy.characterTypes.min > 1 ? `<li data-rule="types">${t('policy.character_types', { min: policy.characterTypes.min })}</li>` : ''}
${policy.rejects.pwned ? `<li>${t('policy.pwned')}</li>` : ''}
${policy.rejects.repetitionAndSequence ? `<li>${t('policy.repetition')}</li>` : ''}
${policy.rejects.userInfo ? `<li>${t('policy.user_info')}</li>` : ''}
</ul><p class="hint">${t('policy.checked_later')}</p>`;
  const passwordField = (id: string, label: PhraseKey) =>
    `<label for="${id}">${t(label)}</label><input id="${id}" name="password" type="password" autocomplete="new-password" required aria-describedby="policy-title" data-policy>${policyList}`;

  const signIn = `<section id="screen-sign-in"${shown('sign-in')}>
<h1>${t('page.sign_in.title')}</h1><p>${t('page.sign_in.subtitle', { app })}</p>
<form method="post" action="/sign-in/${escapeHtml(uid)}" novalidate id="sign-in-form">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<label for="identifier">${t('input.identifier')}</label>
<input id="identifier" name="identifier" autocomplete="username" required autofocus value="${escapeHtml(input.identifier ?? '')}">
<label for="password">${t('input.password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="submit">${t('action.sign_in')}</button>
</form>${input.social ?? ''}
<p class="links">${canReset ? go('forgot-password', t('link.forgot')) : ''}${canReset && canRegister ? ' · ' : ''}${canRegister ? `${t('link.no_account')} ${go('register', t('action.create_account'))}` : ''}</p>
</section>`;

  const registerForm = byEmail
    ? `<form id="register-email-form" novalidate><label for="register-email">${t('input.email')}</label>
<input id="register-email" name="email" type="email" autocomplete="email" required><button type="submit">${t('action.send_code')}</button></form>`
    : `<form id="register-username-form" novalidate><label for="register-username">${t('input.username')}</label>
<input id="register-username" name="username" autocomplete="username" required>${passwordField('register-password', 'input.password')}
<button type="submit">${t('action.create_account')}</button></form>`;
  const register = canRegister
    ? `<section id="screen-register"${shown('register')}>
<h1>${t('page.register.title')}</h1><p>${t('page.register.subtitle', { app })}</p>${registerForm}
${canSignIn ? `<p class="links">${t('link.have_account')} ${go('sign-in', t('action.sign_in'))}</p>` : ''}</section>`
    : '';

  const forgot = canReset
    ? `<section id="screen-forgot-password"${shown('forgot-password')}>
<h1>${t('page.forgot.title')}</h1><p>${t('page.forgot.subtitle')}</p>
<form id="forgot-email-form" novalidate><label for="forgot-email">${t('input.email')}</label>
<input id="forgot-email" name="email" type="email" autocomplete="email" required><button type="submit">${t('action.send_code')}</button></form>
<p class="links">${go('sign-in', t('action.back_to_sign_in'))}</p></section>`
    : '';

  const verify = `<section id="screen-verify" hidden>
<h1>${t('page.verify.title')}</h1><p id="verify-subtitle"></p>
<form id="verify-form" novalidate><label for="code">${t('input.code')}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<button type="submit">${t('action.verify')}</button></form>
<button type="button" class="secondary" id="resend">${t('action.resend')}</button>
<p class="links">${go('sign-in', t('action.back_to_sign_in'))}</p></section>`;

  const password = `<section id="screen-password" hidden>
<h1 id="password-title">${t('page.set_password.title')}</h1>
<form id="password-form" novalidate>${passwordField('new-password', 'input.new_password')}
<button type="submit" id="password-submit">${t('action.save_password')}</button></form></section>`;

  const mfa = input.mfa ? mfaSections(input.screen, input.mfa, t) : '';

  const error = input.error
    ? `<div class="error" role="alert" id="error">${escapeHtml(input.error)}</div>`
    : '<div class="error" role="alert" id="error" hidden></div>';
  return `<!doctype html><html lang="${escapeHtml(input.languageTag)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t(titleOf(input.screen))} · Gatehouse</title>
<link rel="icon" href="${branding.favicon ? escapeHtml(branding.favicon) : 'data:,'}"><style>${PAGE_STYLES}</style><style nonce="${escapeHtml(input.nonce)}">${brandingCss(settings)}</style></head>
<body><main><div class="brand">${logo}</div>
<div class="notice" role="status" id="status" hidden></div>${error}
${signIn}${register}${forgot}${verify}${password}${mfa}
${input.screen === 'sign-in' ? '' : `<noscript><p>${t('notice.js_required')}</p></noscript>`}
</main><script type="application/json" id="experience-config">${configJson(input)}</script>
<script type="module" nonce="${escapeHtml(input.nonce)}" src="/sign-in/assets/experience.js"></script></body></html>`;
}
