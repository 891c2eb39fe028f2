import { createContext, useContext, useEffect, useId } from 'react';

/**
 * Unsaved edits, by the form holding them. The router asks before leaving a page while any
 * form is dirty (router.tsx: links, navigate() and the back button); closing or reloading the
 * tab gets the browser's own beforeunload prompt.
 */
const dirtyForms = new Set<string>();

export const LEAVE_MESSAGE = 'You have unsaved changes. Leave without saving?';

function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/** True when there is nothing to lose, or the admin agrees to lose it. */
export function confirmDiscard(dirty: boolean = hasUnsavedChanges()): boolean {
  return !dirty || window.confirm(LEAVE_MESSAGE);
}

/** Forgets every dirty form: the admin chose to leave, so their forms are about to unmount. */
export function discardUnsavedChanges(): void {
  dirtyForms.clear();
}

function onBeforeUnload(event: BeforeUnloadEvent) {
  if (!hasUnsavedChanges()) return;
  event.preventDefault();
  // Chrome before 119 needs returnValue set.
  event.returnValue = '';
}

/** The dirty forms inside one dialog, so closing it asks first (ui/dialog.tsx). */
export const DirtyScope = createContext<Set<string> | null>(null);

/** Marks this component's form dirty while `dirty` is true (in its dialog too, if any). */
export function useUnsavedChanges(dirty: boolean): void {
  const id = useId();
  const scope = useContext(DirtyScope);
  useEffect(() => {
    if (!dirty) return;
    dirtyForms.add(id);
    scope?.add(id);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      dirtyForms.delete(id);
      scope?.delete(id);
      if (dirtyForms.size === 0) window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, id, scope]);
}
