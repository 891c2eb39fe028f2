import type { EmailTemplateDetails, TemplateType } from '../../domain/accounts/email-templates.ts';

/*
 * Built-in templates, used when no template is stored for a language and usage
 * (PUT /api/email-templates overrides them). Plain text, so every mail client shows them alike.
 */
type Catalog = Record<TemplateType, EmailTemplateDetails>;

const code = (subject: string, lead: string, expiry: string, ignore: string): EmailTemplateDetails => ({
  subject,
  content: `${lead}\n\n    {{code}}\n\n${expiry}\n\n${ignore}\n`,
  contentType: 'text/plain',
});

const en: Catalog = {
  SignIn: code(
    'Your sign-in code: {{code}}',
    'Use this code to sign in:',
    'It expires in 10 minutes.',
    "If you didn't try to sign in, ignore this email.",
  ),
  Register: code(
    'Your verification code: {{code}}',
    'Use this code to verify your email address and create your account:',
    'It expires in 10 minutes.',
    "If you didn't ask to create an account, ignore this email.",
  ),
  ForgotPassword: code(
    'Your password reset code: {{code}}',
    'Use this code to reset your password:',
    'It expires in 10 minutes.',
    "If you didn't ask to reset your password, ignore this email: your password stays as it is.",
  ),
  OrganizationInvitation: {
    subject: "You're invited to join {{organization.name}}",
    content:
      "You've been invited to join {{organization.name}}.\n\nAccept the invitation here:\n{{link}}\n\nIf you weren't expecting this, ignore this email.\n",
    contentType: 'text/plain',
  },
  Generic: code(
    'Your verification code: {{code}}',
    'Your verification code is:',
    'It expires in 10 minutes.',
    "If you didn't ask for it, ignore this email.",
  ),
  UserPermissionValidation: code(
    'Confirm it is you: {{code}}',
    'Use this code to confirm a change to your account:',
    'It expires in 10 minutes.',
    "If you didn't ask for this, someone may know your password: change it.",
  ),
  BindNewIdentifier: code(
    'Verify your new email address: {{code}}',
    'Use this code to add this email address to your account:',
    'It expires in 10 minutes.',
    "If you didn't ask for this, ignore this email.",
  ),
  MfaVerification: code(
    'Your verification code: {{code}}',
    'Use this code to finish signing in:',
    'It expires in 10 minutes.',
    "If you didn't try to sign in, change your password.",
  ),
  BindMfa: code(
    'Set up email verification: {{code}}',
    'Use this code to turn on email verification for your account:',
    'It expires in 10 minutes.',
    "If you didn't ask for this, ignore this email.",
  ),
};

const de: Catalog = {
  SignIn: code(
    'Ihr Anmeldecode: {{code}}',
    'Verwenden Sie diesen Code, um sich anzumelden:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie sich nicht anmelden wollten, ignorieren Sie diese E-Mail.',
  ),
  Register: code(
    'Ihr Bestätigungscode: {{code}}',
    'Verwenden Sie diesen Code, um Ihre E-Mail-Adresse zu bestätigen und Ihr Konto anzulegen:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie kein Konto anlegen wollten, ignorieren Sie diese E-Mail.',
  ),
  ForgotPassword: code(
    'Ihr Code zum Zurücksetzen des Passworts: {{code}}',
    'Verwenden Sie diesen Code, um Ihr Passwort zurückzusetzen:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
  ),
  OrganizationInvitation: {
    subject: 'Einladung zu {{organization.name}}',
    content:
      'Sie wurden eingeladen, {{organization.name}} beizutreten.\n\nHier nehmen Sie die Einladung an:\n{{link}}\n\nWenn Sie das nicht erwartet haben, ignorieren Sie diese E-Mail.\n',
    contentType: 'text/plain',
  },
  Generic: code(
    'Ihr Bestätigungscode: {{code}}',
    'Ihr Bestätigungscode lautet:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.',
  ),
  UserPermissionValidation: code(
    'Bestätigen Sie, dass Sie es sind: {{code}}',
    'Verwenden Sie diesen Code, um eine Änderung an Ihrem Konto zu bestätigen:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie das nicht angefordert haben, kennt womöglich jemand Ihr Passwort: Ändern Sie es.',
  ),
  BindNewIdentifier: code(
    'Bestätigen Sie Ihre neue E-Mail-Adresse: {{code}}',
    'Verwenden Sie diesen Code, um diese E-Mail-Adresse Ihrem Konto hinzuzufügen:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.',
  ),
  MfaVerification: code(
    'Ihr Bestätigungscode: {{code}}',
    'Verwenden Sie diesen Code, um die Anmeldung abzuschließen:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie sich nicht anmelden wollten, ändern Sie Ihr Passwort.',
  ),
  BindMfa: code(
    'E-Mail-Bestätigung einrichten: {{code}}',
    'Verwenden Sie diesen Code, um die Bestätigung per E-Mail für Ihr Konto einzuschalten:',
    'Er ist 10 Minuten gültig.',
    'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.',
  ),
};

const catalogs: Record<string, Catalog> = { en, de };

/** The built-in template of `type` in `languageTag` (matched without case), if there is one. */
export function builtInTemplate(languageTag: string, type: TemplateType): EmailTemplateDetails | undefined {
  return catalogs[languageTag.toLowerCase()]?.[type];
}
