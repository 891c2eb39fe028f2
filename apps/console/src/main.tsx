import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { startTheme } from './ui/theme.ts';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

// Before the first render, so no page paints in the wrong theme.
startTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
