import { useSyncExternalStore } from 'react';

/** The admin's choice; 'system' follows the operating system's light or dark setting. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'gatehouse.console.theme';
const CHANGE = 'console:theme';
const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

function themeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system'; // storage disabled
  }
}

/** Sets data-theme on <html> (tokens.css swaps every colour on it) from the stored choice. */
function applyTheme(): void {
  const choice = themeChoice();
  const dark = choice === 'dark' || (choice === 'system' && Boolean(darkQuery()?.matches));
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, choice);
  } catch {
    // storage disabled: the choice lasts until reload
  }
  applyTheme();
  window.dispatchEvent(new Event(CHANGE));
}

/** Applies the theme now and again whenever the system setting changes. */
export function startTheme(): void {
  applyTheme();
  darkQuery()?.addEventListener('change', applyTheme);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener(CHANGE, onChange);
  return () => window.removeEventListener(CHANGE, onChange);
};

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, themeChoice);
}
