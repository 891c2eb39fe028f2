/**
 * Whether a partial update sets anything. `UPDATE … SET` with no column is a syntax error on
 * both databases, and a PATCH naming no known field is a valid request that changes nothing,
 * so every update* repository function returns early on an empty patch.
 */
export function hasChanges(patch: object): boolean {
  return Object.values(patch).some((value) => value !== undefined);
}
