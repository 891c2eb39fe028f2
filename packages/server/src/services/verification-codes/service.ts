import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { TemplateType } from '../../domain/accounts/email-templates.ts';
import { RateLimitedError, VerificationCodeError } from '../../domain/errors.ts';
import { newId } from '../../storage/ids.ts';
import * as limits from '../../storage/repositories/message-rate-limits.ts';
import * as codes from '../../storage/repositories/verification-codes.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Mailer } from '../email/mailer.ts';

/*
 * Email verification codes. Invariants:
 * 1. A code is 6 digits from crypto.randomInt; only HMAC-SHA-256(salt, code) with a random
 *    per-code salt is stored, with a hash of the address it was sent to (it verifies only there).
 * 2. Each verification attempt is counted atomically BEFORE the code is compared (a burst of
 *    concurrent guesses gets at most `maxAttempts` comparisons); a match is consumed with a
 *    conditional UPDATE, so a code works once however many requests race with it.
 * 3. Sends are limited per address and per client address, counted before anything is sent,
 *    and given back when the mail server fails (the person may retry at once).
 * 4. `send` and `send({ dummy: true })` do the same work — limits, code, hash, row, template,
 *    SMTP handshake — and fail the same way; only the dummy never hands a message to the server.
 *    The caller picks the dummy for an address that must not learn whether it has an account.
 */

export interface VerificationCodeOptions {
  ttlMs: number;
  maxAttempts: number;
  /** Codes one address may be sent per window, and one client address. */
  perAddress: number;
  perClient: number;
  windowMs: number;
  now: () => number;
}

const VERIFICATION_CODE_DEFAULTS: VerificationCodeOptions = {
  ttlMs: 10 * 60_000,
  maxAttempts: 10,
  perAddress: 5,
  perClient: 30,
  windowMs: 15 * 60_000,
  now: Date.now,
};

interface SendCodeInput {
  /** Email address; compared without case and surrounding spaces. */
  to: string;
  usage: TemplateType;
  locale?: string;
  /** The client's address (ctx.ip), for the per-client limit. */
  ip: string;
  /** Do all the work of a send but deliver nothing (see invariant 4). */
  dummy?: boolean;
}

export interface VerificationCodeService {
  send(input: SendCodeInput): Promise<{ verificationId: string; expiresAt: number }>;
  /** Accepts the code once; throws VerificationCodeError (Logto's reasons) otherwise. */
  verify(input: { verificationId: string; to: string; code: string }): Promise<void>;
  /** Verifies the newest code sent to `to` for `usage` (Logto's POST /api/verification-codes/verify). */
  verifyLatest(input: { to: string; usage: TemplateType; code: string }): Promise<void>;
}

const normalize = (address: string) => address.trim().toLowerCase();
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const hmac = (salt: string, code: string) => createHmac('sha256', Buffer.from(salt, 'hex')).update(code).digest('hex');

export function createVerificationCodeService(
  deps: ServiceDeps & { mailer: Mailer },
  overrides: Partial<VerificationCodeOptions> = {},
): VerificationCodeService {
  const options = { ...VERIFICATION_CODE_DEFAULTS, ...overrides };
  const { now } = options;

  /** Counts this send against both limits; refuses (and gives both back) past either. */
  async function countSend(addressKey: string, clientKey: string): Promise<void> {
    const at = now();
    const counted = [
      {
        key: addressKey,
        limit: options.perAddress,
        ...(await limits.countMessage(deps.db, { key: addressKey, now: at, windowMs: options.windowMs })),
      },
      {
        key: clientKey,
        limit: options.perClient,
        ...(await limits.countMessage(deps.db, { key: clientKey, now: at, windowMs: options.windowMs })),
      },
    ];
    const over = counted.filter((c) => c.count > c.limit);
    if (over.length === 0) return;
    for (const c of counted) await limits.uncountMessage(deps.db, c.key);
    const wait = Math.max(...over.map((c) => c.windowStart + options.windowMs - at));
    deps.logger.info({ event: 'verification_code.rate_limited' }, 'verification code refused: too many sends');
    throw new RateLimitedError('Too many verification codes were requested. Try again later.', Math.max(1, Math.ceil(wait / 1000)));
  }

  const service: VerificationCodeService = {
    async send(input) {
      const address = normalize(input.to);
      const addressHash = sha256(address);
      const addressKey = `code:to:${addressHash}`;
      const clientKey = `code:ip:${input.ip.length <= 64 ? input.ip : sha256(input.ip)}`;
      await countSend(addressKey, clientKey);

      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const salt = randomBytes(16).toString('hex');
      const at = now();
      const row = {
        id: newId(),
        addressHash,
        usage: input.usage,
        codeHash: hmac(salt, code),
        salt,
        attempts: 0,
        expiresAt: at + options.ttlMs,
        consumedAt: null,
        createdAt: at,
      };
      try {
        if (input.dummy) await deps.mailer.rehearse({ usage: input.usage, locale: input.locale, variables: { code } });
        else await deps.mailer.sendVerificationCode({ to: address, usage: input.usage, code, locale: input.locale });
      } catch (err) {
        await limits.uncountMessage(deps.db, addressKey);
        await limits.uncountMessage(deps.db, clientKey);
        throw err;
      }
      // Only a delivered code gets a row: a failed send leaves nothing behind.
      await codes.insertVerificationCode(deps.db, row);
      // Housekeeping in the same request: rows nobody can use any more.
      await codes.deleteVerificationCodesExpiredBefore(deps.db, at - 86_400_000);
      await limits.deleteMessageRateLimitsBefore(deps.db, at - 2 * options.windowMs);
      return { verificationId: row.id, expiresAt: row.expiresAt };
    },

    async verify(input) {
      const at = now();
      const addressHash = sha256(normalize(input.to));
      const reserved = await codes.reserveVerificationAttempt(deps.db, {
        id: input.verificationId,
        now: at,
        maxAttempts: options.maxAttempts,
      });
      if (!reserved || reserved.addressHash !== addressHash) {
        const row = await codes.findVerificationCode(deps.db, input.verificationId);
        if (!row || row.addressHash !== addressHash || row.consumedAt !== null) {
          throw new VerificationCodeError('not_found', 'This verification code is not valid. Request a new one.');
        }
        if (row.expiresAt <= at) throw new VerificationCodeError('expired', 'This verification code has expired. Request a new one.');
        throw new VerificationCodeError('exceed_max_try', 'Too many wrong codes were entered. Request a new one.');
      }
      const given = Buffer.from(hmac(reserved.salt, input.code.trim()), 'hex');
      if (!/^\d{6}$/.test(input.code.trim()) || !timingSafeEqual(given, Buffer.from(reserved.codeHash, 'hex'))) {
        throw new VerificationCodeError('mismatch', 'The verification code is incorrect.');
      }
      if (!(await codes.consumeVerificationCode(deps.db, input.verificationId, at))) {
        throw new VerificationCodeError('not_found', 'This verification code is not valid. Request a new one.');
      }
    },

    async verifyLatest({ to, usage, code }) {
      const id = await codes.findLatestVerificationCodeId(deps.db, sha256(normalize(to)), usage);
      // An unknown address takes the same path as a known one with a wrong id.
      await service.verify({ verificationId: id ?? newId(), to, code });
    },
  };
  return service;
}
