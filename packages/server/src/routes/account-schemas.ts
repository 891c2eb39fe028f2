import type { UserSessionsDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { ACCOUNT_CENTER_CONTROLS, ACCOUNT_CENTER_FIELDS } from '../services/account/index.ts';
import { customData, username } from './schemas.ts';

/** Zod schemas of the Account API and the account center settings, with Logto's field names. */
const text = z.string().max(2048);
const email = z.string().trim().toLowerCase().email('must be an email address').max(320);

const Address = z
  .object({
    formatted: text,
    streetAddress: text,
    locality: text,
    region: text,
    postalCode: text,
    country: text,
  })
  .partial()
  .strict();

/** Logto's userProfileGuard (OIDC standard claims, camelCase). */
export const UserProfileBody = z
  .object({
    familyName: text,
    givenName: text,
    middleName: text,
    nickname: text,
    preferredUsername: text,
    profile: text,
    website: text,
    gender: text,
    birthdate: text,
    zoneinfo: text,
    locale: text,
    address: Address,
  })
  .partial()
  .strict();

export const MyAccountResponse = z.object({
  id: z.string(),
  username: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
  primaryEmail: z.string().nullable().optional(),
  primaryPhone: z.string().nullable().optional(),
  customData: z.record(z.string(), z.unknown()).optional(),
  profile: UserProfileBody.optional(),
  lastSignInAt: z.number().nullable().optional(),
  createdAt: z.number().optional(),
  updatedAt: z.number().optional(),
  isSuspended: z.boolean().optional(),
  hasPassword: z.boolean().optional(),
});

export const MyAccountUpdateBody = z
  .object({
    name: z.string().max(256).nullable().optional(),
    avatar: z.url('must be a URL').max(2048).nullable().optional(),
    username: username.nullable().optional(),
    customData: customData.optional(),
  })
  .strict();

export const PasswordBody = z.object({ password: z.string().min(1, 'must not be empty').max(1024) });

export const PrimaryEmailBody = z.object({ email, newIdentifierVerificationRecordId: z.string().min(1).max(64) });

export const VerificationRecordResponse = z.object({ verificationRecordId: z.string(), expiresAt: z.string() });

/** Logto's verificationCodeIdentifierGuard; only email here (no SMS delivery). */
const CodeIdentifier = z.object({ type: z.literal('email', 'only email is supported'), value: email });

export const VerificationCodeBody = z.object({
  identifier: CodeIdentifier,
  templateType: z.enum(['UserPermissionValidation', 'BindMfa']).optional(),
});

export const VerificationCodeVerifyBody = z.object({
  identifier: CodeIdentifier,
  verificationId: z.string().min(1).max(64),
  code: z.string().max(16),
});

const Authorization = z.object({ grantId: z.string().optional(), sid: z.string().optional(), persistsLogout: z.boolean().optional() });

const UserSessionResponse = z.object({
  payload: z.object({
    uid: z.string(),
    accountId: z.string(),
    loginTs: z.number().optional(),
    exp: z.number().optional(),
    iat: z.number().optional(),
    kind: z.literal('Session'),
    authorizations: z.record(z.string(), Authorization),
  }),
  lastSubmission: z.null(),
  clientId: z.string().nullable(),
  accountId: z.string(),
  expiresAt: z.number(),
  isCurrent: z.boolean().optional(),
});

export const UserSessionsResponse: z.ZodType<UserSessionsDto> = z.object({ sessions: z.array(UserSessionResponse) });

export const UserGrantsResponse = z.object({
  grants: z.array(
    z.object({
      id: z.string(),
      payload: z.object({
        exp: z.number(),
        iat: z.number(),
        jti: z.string(),
        kind: z.literal('Grant'),
        clientId: z.string(),
        accountId: z.string(),
      }),
      expiresAt: z.number(),
      application: z.object({ id: z.string(), name: z.string() }),
    }),
  ),
});

export const RevokeGrantsQuery = z.object({ revokeGrantsTarget: z.enum(['all', 'firstParty']).optional() });

const Control = z.enum(ACCOUNT_CENTER_CONTROLS);
const Fields = z.object(
  Object.fromEntries(ACCOUNT_CENTER_FIELDS.map((f) => [f, Control.optional()])) as Record<
    (typeof ACCOUNT_CENTER_FIELDS)[number],
    z.ZodOptional<typeof Control>
  >,
);

export const AccountCenterResponse = z.object({ id: z.literal('default'), enabled: z.boolean(), fields: Fields });
export const AccountCenterUpdateBody = z
  .object({
    enabled: z.boolean().optional().describe('Enable or disable the account API.'),
    fields: Fields.strict().optional().describe('The fields settings for the account API; a field not listed is Off.'),
  })
  .strict();
