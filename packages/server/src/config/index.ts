export { loadConfig, parseDatabaseUrl, ConfigError, type Config, type DatabaseConfig } from './load-config.ts';
export { EnvSchema } from './schema.ts';
