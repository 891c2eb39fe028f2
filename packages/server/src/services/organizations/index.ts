export * from './organizations.ts';
export * from './scopes.ts';
export * from './roles.ts';
export * from './members.ts';
export * from './invitations.ts';
export * from './jit.ts';
