#!/usr/bin/env node
import { ConfigError, loadConfig } from './config/index.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';
import { isMainModule } from './is-main.ts';

/** Process entry: loadConfig -> open and migrate the database -> listen -> say where to go. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.log);
  const server = await startServer(config, { logger });
  const lines = [
    '',
    `Gatehouse is listening on ${config.endpoint} (port ${config.port}, database ${config.database.dialect})`,
    `  OIDC issuer:     ${config.issuer}`,
    `  Console:         ${config.endpoint}/console`,
    `  Management API:  ${config.endpoint}/api (docs: ${config.endpoint}/api/docs)`,
  ];
  if (server.setupToken) {
    lines.push(
      '',
      '  No admin account exists yet. Create one with this one-time link (valid 24 hours):',
      `  ${config.endpoint}/sign-in/setup?token=${server.setupToken}`,
    );
  } else if (config.bootstrap.user) {
    lines.push(`  Sign in to the console as "${config.bootstrap.user.username}" (BOOTSTRAP_ADMIN_USERNAME).`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (isMainModule(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`Gatehouse failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
