// `--scale`: bulk data straight into PostgreSQL through `pg` (multi-row INSERT ... SELECT
// FROM unnest($1::text[], ...) in batches of 10,000 rows): 1,000,000 users, 10,000 User roles
// each bundling one of 100 scopes of a separate API resource, and 50,000 user-role
// assignments over random users and roles; 10,000 organizations, 100 organization roles (each
// granting one of those scopes inside an organization), 1,000,000 memberships (every user in
// one organization, 100 per organization) each holding one random organization role.
// Ids have the server's shape (21 chars [0-9a-z]).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
function newId(length = 21) {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[bytes[i] % 36];
  return out;
}

async function insertBatches(client, { table, columns, types, total, batch = 10_000, row, onProgress }) {
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
  for (let start = 0; start < total; start += batch) {
    const n = Math.min(batch, total - start);
    const cols = columns.map(() => new Array(n));
    for (let i = 0; i < n; i += 1) {
      const values = row(start + i);
      for (let c = 0; c < columns.length; c += 1) cols[c][i] = values[c];
    }
    await client.query(sql, cols);
    onProgress?.(start + n);
  }
}

export async function seedScale(
  databaseUrl,
  {
    users = 1_000_000,
    roles = 10_000,
    assignments = 50_000,
    scopes = 100,
    organizations = 10_000,
    organizationRoles = 100,
    log = () => {},
  } = {},
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const t0 = performance.now();
  try {
    const now = Date.now();
    const resourceId = newId();
    await client.query(
      'INSERT INTO resources (id, name, indicator, access_token_ttl, is_builtin, created_at) VALUES ($1, $2, $3, $4, 0, $5)',
      [resourceId, 'Scale API', 'https://scale.example.com/api', 3600, now],
    );
    const scopeIds = Array.from({ length: scopes }, () => newId());
    await insertBatches(client, {
      table: 'scopes',
      columns: ['id', 'resource_id', 'name', 'description', 'created_at'],
      types: ['text', 'text', 'text', 'text', 'bigint'],
      total: scopes,
      row: (i) => [scopeIds[i], resourceId, `scale:scope-${i}`, `Scale scope ${i}`, now],
    });
    const roleIds = Array.from({ length: roles }, () => newId());
    await insertBatches(client, {
      table: 'roles',
      columns: ['id', 'name', 'description', 'type', 'is_builtin', 'created_at'],
      types: ['text', 'text', 'text', 'text', 'int', 'bigint'],
      total: roles,
      row: (i) => [roleIds[i], `scale:role-${i}`, `Scale role ${i}`, 'User', 0, now],
    });
    await insertBatches(client, {
      table: 'roles_scopes',
      columns: ['role_id', 'scope_id'],
      types: ['text', 'text'],
      total: roles,
      row: (i) => [roleIds[i], scopeIds[i % scopes]],
    });
    log(`scale: ${scopes} scopes, ${roles} roles (${Math.round(performance.now() - t0)} ms)`);

    const userIds = new Array(users);
    let lastLog = performance.now();
    await insertBatches(client, {
      table: 'users',
      columns: ['id', 'username', 'primary_email', 'name', 'custom_data', 'is_suspended', 'created_at', 'updated_at'],
      types: ['text', 'text', 'text', 'text', 'text', 'int', 'bigint', 'bigint'],
      total: users,
      row: (i) => {
        const id = newId();
        userIds[i] = id;
        return [id, `scale-user-${i}`, `scale-user-${i}@example.com`, `Scale User ${i}`, '{}', 0, now, now];
      },
      onProgress: (done) => {
        if (performance.now() - lastLog > 5000 || done === users) {
          lastLog = performance.now();
          log(`scale: ${done.toLocaleString('en-US')} users (${Math.round((performance.now() - t0) / 1000)} s)`);
        }
      },
    });
    // Distinct (user, role) pairs: user i*step gets one role, so no duplicates by construction.
    const step = Math.floor(users / assignments) || 1;
    await insertBatches(client, {
      table: 'users_roles',
      columns: ['user_id', 'role_id'],
      types: ['text', 'text'],
      total: Math.min(assignments, users),
      row: (i) => [userIds[(i * step) % users], roleIds[Math.floor(Math.random() * roles)]],
    });

    // Organizations (issue 12): the template, then memberships and one role per membership.
    const orgRoleIds = Array.from({ length: organizationRoles }, () => newId());
    await insertBatches(client, {
      table: 'organization_roles',
      columns: ['id', 'name', 'description', 'type', 'created_at'],
      types: ['text', 'text', 'text', 'text', 'bigint'],
      total: organizationRoles,
      row: (i) => [orgRoleIds[i], `scale:org-role-${i}`, `Scale organization role ${i}`, 'User', now],
    });
    await insertBatches(client, {
      table: 'organization_role_resource_scopes',
      columns: ['organization_role_id', 'scope_id'],
      types: ['text', 'text'],
      total: organizationRoles,
      row: (i) => [orgRoleIds[i], scopeIds[i % scopes]],
    });
    const orgIds = Array.from({ length: organizations }, () => newId());
    await insertBatches(client, {
      table: 'organizations',
      columns: ['id', 'name', 'description', 'custom_data', 'is_mfa_required', 'created_at'],
      types: ['text', 'text', 'text', 'text', 'int', 'bigint'],
      total: organizations,
      row: (i) => [orgIds[i], `Scale Org ${i}`, null, '{}', 0, now + i],
    });
    const memberOrg = (i) => orgIds[i % organizations];
    await insertBatches(client, {
      table: 'organization_user_relations',
      columns: ['organization_id', 'user_id'],
      types: ['text', 'text'],
      total: users,
      row: (i) => [memberOrg(i), userIds[i]],
      onProgress: (done) => {
        if (done % 250_000 === 0 || done === users)
          log(`scale: ${done.toLocaleString('en-US')} memberships (${Math.round((performance.now() - t0) / 1000)} s)`);
      },
    });
    await insertBatches(client, {
      table: 'organization_role_user_relations',
      columns: ['organization_id', 'user_id', 'organization_role_id'],
      types: ['text', 'text', 'text'],
      total: users,
      row: (i) => [memberOrg(i), userIds[i], orgRoleIds[Math.floor(Math.random() * organizationRoles)]],
    });
    await client.query('ANALYZE');
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM roles) AS roles, (SELECT count(*) FROM users_roles) AS users_roles,
          (SELECT count(*) FROM roles_scopes) AS roles_scopes, (SELECT count(*) FROM organizations) AS organizations,
          (SELECT count(*) FROM organization_user_relations) AS organization_user_relations,
          (SELECT count(*) FROM organization_role_user_relations) AS organization_role_user_relations`,
      )
    ).rows[0];
    const seconds = (performance.now() - t0) / 1000;
    log(`scale: seeded in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
    return { seconds, counts };
  } finally {
    await client.end();
  }
}
