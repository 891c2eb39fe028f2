import type { ReactNode } from 'react';

/** A muted sentence saying what a tab holds, with its main action beside it. */
export function SectionIntro({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="card-header">
      <p className="muted">{children}</p>
      {action}
    </div>
  );
}
