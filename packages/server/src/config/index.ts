export { loadConfig, ConfigError, type Config, type DatabaseConfig } from './load-config.ts';
