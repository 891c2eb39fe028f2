import type { ReactNode } from 'react';
import { entityPath, type Collection } from '../router/paths.ts';
import { Link } from '../router/router.tsx';
import type { Column } from '../ui/data-table.tsx';

/** A column linking each item to its page, with optional badges after the link. */
export function linkColumn<T extends { id: string }>(
  header: string,
  collection: Collection,
  text: (item: T) => string,
  badges?: (item: T) => ReactNode,
): Column<T> {
  return {
    header,
    cell: (item) => (
      <>
        <Link to={entityPath(collection, item.id)}>{text(item)}</Link>
        {badges && <> {badges(item)}</>}
      </>
    ),
  };
}
