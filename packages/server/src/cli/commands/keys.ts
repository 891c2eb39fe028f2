import { parseArgs } from 'node:util';
import { rotateSigningKey } from '../../services/signing-keys.ts';
import { withServices, type CliIo } from '../context.ts';

export async function keysRotate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'lead-time': { type: 'string' } } });
  const lead = values['lead-time'] === undefined ? undefined : Number(values['lead-time']);
  const result = await withServices(io, (deps) => rotateSigningKey(deps, { leadTimeSeconds: lead }));
  io.out(
    [
      `New signing key ${result.kid} (${result.alg}) is published now in /oidc/jwks.`,
      `It starts signing at ${new Date(result.activatesAt).toISOString()}.`,
      `The previous key stays published until ${new Date(result.previousKeysExpireAt).toISOString()}.`,
    ].join('\n'),
  );
  return 0;
}
