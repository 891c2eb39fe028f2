import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { DirtyScope, LEAVE_MESSAGE } from './unsaved-changes.ts';

/**
 * A modal on the native <dialog>: focus moves in and is trapped, Escape closes, focus
 * returns to the opener. Content mounts only while open, so forms start fresh each time.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  description,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [dirty] = useState(() => new Set<string>());
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // jsdom has no showModal(): fall back to the open attribute there.
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      // Escape with unsaved edits in the dialog asks first.
      onCancel={(event) => {
        if (dirty.size > 0 && !window.confirm(LEAVE_MESSAGE)) event.preventDefault();
      }}
    >
      {open && (
        <DirtyScope.Provider value={dirty}>
          <div className="dialog-body">
            <h2 id={titleId}>{title}</h2>
            {description && <p className="muted">{description}</p>}
            {children}
          </div>
        </DirtyScope.Provider>
      )}
    </dialog>
  );
}
