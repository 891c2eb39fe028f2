import type { ReactNode } from 'react';
import { useApi } from '../api/api-context.tsx';
import { navigate } from '../router/router.tsx';
import { ConfirmButton } from './confirm-button.tsx';

/** Deletes the entity at `path` once confirmed, then goes to its list `then`. */
export function DeleteButton({
  label,
  title,
  path,
  then,
  children,
}: {
  label: string;
  title: string;
  path: string;
  then: string;
  children: ReactNode;
}) {
  const api = useApi();
  return (
    <ConfirmButton
      variant="danger"
      label={label}
      title={title}
      onConfirm={async () => {
        await api.send('DELETE', path);
        navigate(then, { force: true });
      }}
    >
      {children}
    </ConfirmButton>
  );
}
