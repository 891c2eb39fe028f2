/* global document, location, history, PublicKeyCredential */
// The hosted sign-in pages' module: drives Logto's Experience API (/api/experience) from the
// server-rendered screens. No dependencies, no build; phrases and the password policy come from
// the page's JSON data block. Errors are shown in the page's alert region, in the page's language.

const config = JSON.parse(document.getElementById('experience-config').textContent);
const $ = (id) => document.getElementById(id);
const fill = (text, values = {}) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name) => (name in values ? String(values[name]) : all));
const t = (key, values) => fill(config.phrases[key] ?? config.phrases['error.generic'], values);
const flow = { event: 'SignIn', email: '', verificationId: '' };

class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
    this.retryAfter = retryAfter;
  }
}

async function api(method, path, body) {
  const res = await fetch(`/api/experience${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, data, Number(res.headers.get('retry-after') ?? 0));
  return data;
}

function messageOf(error) {
  if (!(error instanceof ApiError)) return t('error.generic');
  const { code, errors } = error.body;
  const { length, characterTypes } = config.policy;
  if (code === 'password.rejected' && Array.isArray(errors)) {
    return errors
      .map((e) => t(e.message, { min: e.message.includes('character_types') ? characterTypes.min : length.min, max: length.max }))
      .join(' ');
  }
  if (code === 'auth.rate_limited') return t('error.auth.rate_limited', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) });
  return config.phrases[`error.${code}`] ?? error.body.detail ?? t('error.generic');
}

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}

function showNotice(message) {
  const box = $('status');
  box.textContent = message;
  box.hidden = !message;
}

function show(screen) {
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== `screen-${screen}`;
  showError('');
  const url = new URL(location.href);
  if (['sign-in', 'register', 'forgot-password'].includes(screen)) {
    url.searchParams.set('screen', screen);
    history.replaceState(null, '', url);
  }
  $(`screen-${screen}`)?.querySelector('input:not([type=hidden])')?.focus();
}

/** Runs a step with the form's button disabled; shows what the server refused. */
function onSubmit(id, step) {
  const form = $(id);
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    showError('');
    try {
      await step(new FormData(form));
    } catch (error) {
      showError(messageOf(error));
    } finally {
      button.disabled = false;
    }
  });
}

async function finish() {
  const out = await api('POST', '/submit');
  if (out?.redirectTo) location.assign(out.redirectTo);
}

async function sendCode(email) {
  const { verificationId } = await api('POST', '/verification/verification-code', {
    identifier: { type: 'email', value: email },
    interactionEvent: flow.event,
  });
  Object.assign(flow, { email, verificationId });
  show('verify');
  $('verify-subtitle').textContent = t('page.verify.subtitle', { email });
  showNotice(t('notice.code_sent', { email }));
}

// Live policy hints: the length and character types are checked as the user types; the rest
// (common passwords, runs, personal data) by the server when the form is sent.
function typesOf(value) {
  const types = new Set();
  for (const c of value) types.add(/[a-z]/.test(c) ? 'l' : /[A-Z]/.test(c) ? 'u' : /[0-9]/.test(c) ? 'd' : 's');
  return types.size;
}
for (const input of document.querySelectorAll('input[data-policy]')) {
  input.addEventListener('input', () => {
    const list = input.parentElement.querySelector('.policy');
    const size = [...input.value].length;
    list.querySelector('[data-rule=length]')?.classList.toggle('ok', size >= config.policy.length.min && size <= config.policy.length.max);
    list.querySelector('[data-rule=types]')?.classList.toggle('ok', typesOf(input.value) >= config.policy.characterTypes.min);
  });
}

for (const link of document.querySelectorAll('[data-go]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    showNotice('');
    show(link.dataset.go);
  });
}

// Sign-in stays the form post to /sign-in/:uid (the same lockout as POST /verification/password,
// and an address in an SSO connector's domains is sent to its identity provider there).

onSubmit('register-email-form', async (data) => {
  flow.event = 'Register';
  await api('PUT', '', { interactionEvent: 'Register' });
  await sendCode(String(data.get('email')).trim());
});

onSubmit('register-username-form', async (data) => {
  await api('PUT', '', { interactionEvent: 'Register' });
  await api('POST', '/profile', { type: 'username', value: String(data.get('username')).trim() });
  await api('POST', '/profile', { type: 'password', value: String(data.get('password')) });
  await api('POST', '/identification');
  await finish();
});

onSubmit('forgot-email-form', async (data) => {
  flow.event = 'ForgotPassword';
  await api('PUT', '', { interactionEvent: 'ForgotPassword' });
  await sendCode(String(data.get('email')).trim());
});

onSubmit('verify-form', async (data) => {
  const identifier = { type: 'email', value: flow.email };
  await api('POST', '/verification/verification-code/verify', {
    identifier,
    verificationId: flow.verificationId,
    code: String(data.get('code')).trim(),
  });
  showNotice('');
  if (flow.event === 'ForgotPassword') {
    await api('POST', '/identification', { verificationId: flow.verificationId });
    $('password-title').textContent = t('page.new_password.title');
    show('password');
    return;
  }
  try {
    await api('POST', '/identification', { verificationId: flow.verificationId });
    await finish();
  } catch (error) {
    // Logto's order: the account needs a password before it is created.
    if (!(error instanceof ApiError && error.body.code === 'user.missing_profile')) throw error;
    $('password-title').textContent = t('page.set_password.title');
    show('password');
  }
});

$('resend')?.addEventListener('click', async () => {
  showError('');
  try {
    await sendCode(flow.email);
  } catch (error) {
    showError(messageOf(error));
  }
});

onSubmit('password-form', async (data) => {
  const password = String(data.get('password'));
  if (flow.event === 'ForgotPassword') {
    await api('PUT', '/profile/password', { password });
    await api('POST', '/submit');
    show('sign-in');
    $('identifier').value = flow.email;
    showNotice(t('notice.password_changed'));
    return;
  }
  await api('POST', '/profile', { type: 'password', value: password });
  await api('POST', '/identification');
  await finish();
});

// Second factors, after the hosted form accepted the password (the interaction holds it as a
// verified record): verify one of the user's factors, or under a Mandatory policy enroll one;
// submit then finishes the sign-in with the amr the factors earned.
function onClick(id, step) {
  const button = $(id);
  button?.addEventListener('click', async () => {
    button.disabled = true;
    showError('');
    try {
      await step();
    } catch (error) {
      showError(error instanceof ApiError ? messageOf(error) : t('error.session.mfa.webauthn_verification_failed'));
    } finally {
      button.disabled = false;
    }
  });
}

onSubmit('mfa-totp-form', async (data) => {
  await api('POST', '/verification/totp/verify', { code: String(data.get('code')).trim() });
  await finish();
});

onSubmit('mfa-backup-form', async (data) => {
  await api('POST', '/verification/backup-code/verify', { code: String(data.get('code')).trim() });
  await finish();
});

onClick('mfa-webauthn', async () => {
  const { verificationId, authenticationOptions } = await api('POST', '/verification/web-authn/authentication');
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(authenticationOptions);
  const credential = await navigator.credentials.get({ publicKey });
  await api('POST', '/verification/web-authn/authentication/verify', { verificationId, payload: credential.toJSON() });
  await finish();
});

const totpEnrollment = { verificationId: '' };
if ($('mfa-bind-totp') && !$('screen-mfa-bind').hidden) {
  api('POST', '/verification/totp/secret')
    .then(({ verificationId, secret, secretQrCode }) => {
      totpEnrollment.verificationId = verificationId;
      // The QR code is an SVG data URL made by the server (the pages' CSP allows data: images only).
      $('mfa-qr').src = secretQrCode;
      $('mfa-qr').hidden = false;
      $('mfa-secret').textContent = t('mfa.secret', { secret });
    })
    .catch((error) => showError(messageOf(error)));
}

onSubmit('mfa-bind-totp-form', async (data) => {
  const { verificationId } = totpEnrollment;
  await api('POST', '/verification/totp/verify', { code: String(data.get('code')).trim(), verificationId });
  await api('POST', '/profile/mfa', { type: 'Totp', verificationId });
  await finish();
});

onClick('mfa-bind-webauthn', async () => {
  const { verificationId, registrationOptions } = await api('POST', '/verification/web-authn/registration');
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(registrationOptions);
  const credential = await navigator.credentials.create({ publicKey });
  await api('POST', '/verification/web-authn/registration/verify', { verificationId, payload: credential.toJSON() });
  await api('POST', '/profile/mfa', { type: 'WebAuthn', verificationId });
  await finish();
});
