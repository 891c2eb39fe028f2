import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Db } from './db.ts';
import { prepareQuery } from './prepared.ts';
import { parseUriList } from './repositories/json-columns.ts';
import type { ApplicationRow } from './schema.ts';

const TOKEN_EXCHANGE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * oidc-provider's storage interface over one table (`oidc_model_instances`), keyed by model
 * name and id, plus a read-only `Client` model backed by the applications table.
 * Invariants:
 * - expired rows are never returned; a consumed row comes back with `consumed` set
 *   (oidc-provider uses it for code replay and refresh-token reuse detection);
 * - consumption is single-use across processes: `consume` is a conditional UPDATE, so of
 *   concurrent uses of one code or refresh token exactly one wins. oidc-provider checks
 *   `consumed` only when it loads the row, so every loser of the race is a reuse it cannot see:
 *   `consume` treats it as oidc-provider treats a replay it does see (the grant is revoked,
 *   RFC 6749 4.1.2 and RFC 9700 4.14.2) and refuses the request;
 * - `releaseConsumed` is the only way back, for a rotation whose response never reached the
 *   client (see oidc/refresh-rotation.ts).
 */
function clientMetadataOf(app: ApplicationRow): AdapterPayload {
  const confidential = app.secretHash !== null;
  const machine = app.type === 'MachineToMachine';
  return {
    client_id: app.id,
    client_name: app.name,
    ...(confidential ? { client_secret: app.secretHash! } : {}),
    token_endpoint_auth_method: confidential ? 'client_secret_basic' : 'none',
    // Token exchange (Logto's impersonation) for every client: oidc/token-exchange.ts decides who may use it.
    grant_types: [...(machine ? ['client_credentials'] : ['authorization_code', 'refresh_token']), TOKEN_EXCHANGE_GRANT_TYPE],
    response_types: machine ? [] : ['code'],
    redirect_uris: parseUriList(app.redirectUris),
    post_logout_redirect_uris: parseUriList(app.postLogoutRedirectUris),
    application_type: app.type === 'Native' ? 'native' : 'web',
  };
}

export function createAdapterFactory(
  db: Db,
  findClient: (id: string) => Promise<ApplicationRow | undefined>,
): new (name: string) => Adapter {
  // Every token request runs these; compiled once (storage/prepared.ts).
  const upsertRow = prepareQuery(db, ['modelName', 'id', 'payload', 'expiresAt', 'grantId', 'uid', 'userCode'], (p) =>
    db
      .insertInto('oidcModelInstances')
      .values({ ...p, consumedAt: null })
      .onConflict((oc) =>
        oc
          .columns(['modelName', 'id'])
          .doUpdateSet({ payload: p.payload, expiresAt: p.expiresAt, grantId: p.grantId, uid: p.uid, userCode: p.userCode }),
      ),
  );
  const findBy = (column: 'id' | 'uid' | 'userCode') =>
    prepareQuery(db, ['modelName', 'value'], (p) =>
      db
        .selectFrom('oidcModelInstances')
        .select(['payload', 'consumedAt', 'expiresAt'])
        .where('modelName', '=', p.modelName)
        .where(column, '=', p.value),
    );
  const findRow = { id: findBy('id'), uid: findBy('uid'), userCode: findBy('userCode') };
  const consumeRow = prepareQuery(db, ['modelName', 'id', 'now'], (p) =>
    db
      .updateTable('oidcModelInstances')
      .set({ consumedAt: p.now })
      .where('modelName', '=', p.modelName)
      .where('id', '=', p.id)
      .where('consumedAt', 'is', null),
  );
  return class KyselyAdapter implements Adapter {
    readonly name: string;

    constructor(name: string) {
      this.name = name;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      await upsertRow({
        modelName: this.name,
        id,
        payload: JSON.stringify(payload),
        expiresAt: Date.now() + expiresIn * 1000,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
      });
    }

    async findWhere(column: 'id' | 'uid' | 'userCode', value: string): Promise<AdapterPayload | undefined> {
      if (this.name === 'Client') {
        if (column !== 'id') return undefined;
        const app = await findClient(value);
        return app ? clientMetadataOf(app) : undefined;
      }
      const [row] = (await findRow[column]({ modelName: this.name, value })).rows;
      if (!row || row.expiresAt <= Date.now()) return undefined;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      return row.consumedAt === null ? payload : { ...payload, consumed: Math.floor(row.consumedAt / 1000) };
    }

    find(id: string) {
      return this.findWhere('id', id);
    }

    findByUid(uid: string) {
      return this.findWhere('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.findWhere('userCode', userCode);
    }

    async consume(id: string): Promise<void> {
      const updated = await consumeRow({ modelName: this.name, id, now: Date.now() });
      if ((updated.numAffectedRows ?? 0n) > 0n) return;
      // Lost the race (or the row was revoked meanwhile): another request consumed it first.
      if (this.name === 'PushedAuthorizationRequest') {
        throw new errors.InvalidRequestUri('request_uri is invalid, expired, or was already used');
      }
      const row = await db
        .selectFrom('oidcModelInstances')
        .select('grantId')
        .where('modelName', '=', this.name)
        .where('id', '=', id)
        .executeTakeFirst();
      if (row?.grantId) await revokeOidcGrant(db, row.grantId);
      const label = this.name === 'RefreshToken' ? 'refresh token' : this.name === 'AuthorizationCode' ? 'authorization code' : 'grant';
      throw new errors.InvalidGrant(`${label} already used`);
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidcModelInstances').where('modelName', '=', this.name).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidcModelInstances').where('grantId', '=', grantId).execute();
    }
  };
}

/**
 * What oidc-provider's revoke does with its default policy: every token of the grant and the
 * grant itself. Without the Grant row a token saved after this (by the request that won a
 * race) can no longer be refreshed or introspected as active.
 */
async function revokeOidcGrant(db: Db, grantId: string): Promise<void> {
  await db
    .deleteFrom('oidcModelInstances')
    .where((eb) => eb.or([eb('grantId', '=', grantId), eb.and([eb('modelName', '=', 'Grant'), eb('id', '=', grantId)])]))
    .execute();
}

/** Undoes `consume` of one row; used only when its successor was never delivered. */
export async function releaseConsumed(db: Db, modelName: string, id: string): Promise<void> {
  await db.updateTable('oidcModelInstances').set({ consumedAt: null }).where('modelName', '=', modelName).where('id', '=', id).execute();
}

export async function deleteExpiredOidcRows(db: Db, now = Date.now()): Promise<number> {
  const r = await db.deleteFrom('oidcModelInstances').where('expiresAt', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
