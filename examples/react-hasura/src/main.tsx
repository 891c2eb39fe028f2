import { GatehouseProvider } from '@gatehouse/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadConfig } from './config.ts';

const root = createRoot(document.getElementById('root')!);

void loadConfig().then((config) => {
  if (!config.appId) {
    root.render(
      <p className="error">
        Set VITE_GATEHOUSE_APP_ID (the SPA app id that <code>npx gatehouse db seed-demo</code> prints) and restart.
      </p>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <GatehouseProvider config={{ endpoint: config.endpoint, appId: config.appId, resources: [config.resource], scopes: config.scopes }}>
        <App config={config} />
      </GatehouseProvider>
    </StrictMode>,
  );
});
