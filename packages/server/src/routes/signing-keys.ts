import type { SigningKeyDto, SigningKeyRotationDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { describeSigningKeys, rotateSigningKey } from '../services/signing-keys.ts';
import type { RouteDeps } from './context.ts';

const KeyResponse: z.ZodType<SigningKeyDto> = z.object({
  kid: z.string(),
  alg: z.string(),
  status: z.enum(['current', 'next', 'retiring']),
  activatesAt: z.number(),
  expiresAt: z.number().nullable(),
});

const RotationResponse: z.ZodType<SigningKeyRotationDto> = z.object({
  kid: z.string(),
  alg: z.string(),
  activatesAt: z.number(),
  previousKeysExpireAt: z.number(),
});

export function signingKeyRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Signing keys';
  registry.add(
    router,
    {
      method: 'get',
      path: '/configs/oidc/signing-keys',
      tag,
      summary: 'List signing keys with their schedule',
      response: z.array(KeyResponse),
    },
    () => describeSigningKeys(deps.db),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/configs/oidc/signing-keys/rotate',
      tag,
      summary: 'Rotate: a new key is published now and signs after the lead time; the old key stays published until its tokens expire',
      body: z.object({ leadTimeSeconds: z.number().int().min(0).optional() }).optional(),
      response: RotationResponse,
      status: 201,
    },
    ({ body, facts }) => rotateSigningKey(deps, { leadTimeSeconds: body?.leadTimeSeconds, facts }),
  );
}
