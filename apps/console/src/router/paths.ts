export type Collection =
  | 'resources'
  | 'roles'
  | 'users'
  | 'applications'
  | 'organizations'
  | 'organization-roles'
  | 'hooks'
  | 'logs'
  | 'connectors'
  | 'sso-connectors';

/** `/roles/abc`: an entity's console page and its Management API path alike. */
export const entityPath = (collection: Collection, id: string): string => `/${collection}/${encodeURIComponent(id)}`;
