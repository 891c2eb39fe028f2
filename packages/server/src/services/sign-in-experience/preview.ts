import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignInExperience, SignInExperiencePatch } from '../../domain/accounts/sign-in-experience.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { SignInExperienceDeps } from './settings.ts';
import { withDefaults } from './store.ts';

/*
 * The console's live preview of the hosted sign-in page with unsaved settings. Invariants:
 * 1. Only an admin makes a preview URL (POST /api/sign-in-exp/preview); the URL carries the
 *    draft signed with the server's cookie key, so nobody else can make the server render a
 *    page with settings of their choosing (a phishing page on this origin).
 * 2. It expires after PREVIEW_TTL_MS and is stateless, so any process can render it.
 * 3. The page it renders runs no script and posts nowhere (routes/sign-in-exp.preview.ts).
 */

const PREVIEW_TTL_MS = 10 * 60_000;

const sign = (key: string, data: string) => createHmac('sha256', key).update(`sign-in-preview:${data}`).digest('base64url');

export function createPreviewUrl(key: string, patch: SignInExperiencePatch, now = Date.now()): string {
  const data = Buffer.from(JSON.stringify({ patch, exp: now + PREVIEW_TTL_MS })).toString('base64url');
  return `/sign-in-preview?d=${data}&s=${sign(key, data)}`;
}

/** The settings a preview URL shows (the saved ones with the draft over them); a bad or old URL is refused. */
export async function readPreview(
  deps: SignInExperienceDeps,
  key: string,
  query: { d?: unknown; s?: unknown },
  now = Date.now(),
): Promise<SignInExperience> {
  const data = typeof query.d === 'string' ? query.d : '';
  const given = Buffer.from(typeof query.s === 'string' ? query.s : '');
  const expected = Buffer.from(sign(key, data));
  if (!data || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ValidationError('This preview link is not valid: open the preview from the console.');
  }
  const { patch, exp } = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { patch: SignInExperiencePatch; exp: number };
  if (!(exp > now)) throw new ValidationError('This preview link has expired: open the preview from the console again.');
  const { id: _id, ...current } = await deps.signInExperience.get();
  return withDefaults({ ...current, ...patch });
}
