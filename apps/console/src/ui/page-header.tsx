import { useEffect, type ReactNode } from 'react';
import { Link } from '../router/router.tsx';

export function PageHeader({
  title,
  description,
  actions,
  back,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { to: string; label: string };
}) {
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} · Gatehouse Console`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        {back && (
          <nav className="breadcrumb" aria-label="Breadcrumb">
            <Link to={back.to}>← {back.label}</Link>
          </nav>
        )}
        <h1>{title}</h1>
        {description && <p>{description}</p>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </header>
  );
}
