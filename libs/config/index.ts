export { configSchema, type LedgerConfig, type ConfigVariable } from './schema';
export { loadConfig, configValue, configOrExit, ConfigurationError, EX_CONFIG } from './load-config';
export { configTable } from './config-table';
