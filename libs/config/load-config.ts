import { configSchema, ConfigVariable, LedgerConfig } from './schema';

/** EX_CONFIG (sysexits.h): the configuration is wrong; nothing was started. */
export const EX_CONFIG = 78;

/** A configuration the process refuses; its message names the variable. */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly variables: string[] = [],
  ) {
    super(message);
  }
}

/** An empty variable (`DATABASE_URL=`) means unset, as a shell user expects. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  return out;
}

/**
 * The environment, validated against the one schema. Every wrong variable is named in one
 * message, with the value it had (secrets are not echoed: a URL's password is hidden).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const input = withoutEmpty(env);
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const raw = input[name];
    const shown = raw === undefined ? '' : `, not ${JSON.stringify(raw.replace(/:[^:@/]+@/, ':***@').slice(0, 80))}`;
    return { name, line: `${name} ${issue.message}${shown}` };
  });
  throw new ConfigurationError(problems.map((p) => p.line).join('; '), [...new Set(problems.map((p) => p.name))]);
}

/** Some variables only, for a library that needs its few (the rate limiter, the projector). */
export function configValue<K extends ConfigVariable>(name: K, env: NodeJS.ProcessEnv = process.env): LedgerConfig[K] {
  const input = withoutEmpty(env);
  const shape = configSchema.shape[name];
  const result = shape.safeParse(input[name]);
  if (result.success) return result.data as LedgerConfig[K];
  const raw = input[name];
  throw new ConfigurationError(
    `${name} ${result.error.issues[0]?.message ?? 'is invalid'}${raw === undefined ? '' : `, not ${JSON.stringify(raw.slice(0, 80))}`}`,
    [name],
  );
}

/**
 * For a process's `main`: runs `read` (loadConfig, clockFromEnv…) and on a ConfigurationError
 * prints `configuration: …` and exits 78 before anything has started.
 */
export function configOrExit<T>(read: () => T, print: (line: string) => void = (l) => console.error(l)): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      print(`configuration: ${error.message}`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
}
