import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from './db.ts';
import type { ApplicationRow } from './schema.ts';

/**
 * oidc-provider's storage interface over one table (`oidc_model_instances`), keyed by model
 * name and id, plus a read-only `Client` model backed by the applications table.
 * Invariants: expired rows are never returned; a consumed row comes back with
 * `consumed` set (oidc-provider uses it for code replay and refresh-token reuse detection).
 */
export function clientMetadataOf(app: ApplicationRow): AdapterPayload {
  const confidential = app.secretHash !== null;
  const machine = app.type === 'MachineToMachine';
  return {
    client_id: app.id,
    client_name: app.name,
    ...(confidential ? { client_secret: app.secretHash! } : {}),
    token_endpoint_auth_method: confidential ? 'client_secret_basic' : 'none',
    grant_types: machine ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
    response_types: machine ? [] : ['code'],
    redirect_uris: JSON.parse(app.redirectUris) as string[],
    post_logout_redirect_uris: JSON.parse(app.postLogoutRedirectUris) as string[],
    application_type: app.type === 'Native' ? 'native' : 'web',
  };
}

export function createAdapterFactory(
  db: Db,
  findClient: (id: string) => Promise<ApplicationRow | undefined>,
): new (name: string) => Adapter {
  return class KyselyAdapter implements Adapter {
    readonly name: string;

    constructor(name: string) {
      this.name = name;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = Date.now() + expiresIn * 1000;
      const row = {
        modelName: this.name,
        id,
        payload: JSON.stringify(payload),
        expiresAt,
        consumedAt: null,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
      };
      await db
        .insertInto('oidcModelInstances')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['modelName', 'id']).doUpdateSet({
            payload: row.payload,
            expiresAt,
            grantId: row.grantId,
            uid: row.uid,
            userCode: row.userCode,
          }),
        )
        .execute();
    }

    async findWhere(column: 'id' | 'uid' | 'userCode', value: string): Promise<AdapterPayload | undefined> {
      if (this.name === 'Client') {
        if (column !== 'id') return undefined;
        const app = await findClient(value);
        return app ? clientMetadataOf(app) : undefined;
      }
      const row = await db
        .selectFrom('oidcModelInstances')
        .select(['payload', 'consumedAt', 'expiresAt'])
        .where('modelName', '=', this.name)
        .where(column, '=', value)
        .executeTakeFirst();
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
      await db
        .updateTable('oidcModelInstances')
        .set({ consumedAt: Date.now() })
        .where('modelName', '=', this.name)
        .where('id', '=', id)
        .execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidcModelInstances').where('modelName', '=', this.name).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidcModelInstances').where('grantId', '=', grantId).execute();
    }
  };
}

export async function deleteExpiredOidcRows(db: Db, now = Date.now()): Promise<number> {
  const r = await db.deleteFrom('oidcModelInstances').where('expiresAt', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
