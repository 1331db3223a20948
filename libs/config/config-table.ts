import { configSchema } from './schema';

interface VariableMeta {
  default: string;
  meaning: string;
}

/** README's configuration table, row by row from the schema (test/architecture/config-table.spec.ts). */
export function configTable(): string {
  const rows = Object.entries(configSchema.shape).map(([name, schema]) => {
    const meta = schema.meta() as VariableMeta | undefined;
    if (!meta?.meaning) throw new Error(`${name} has no meaning in libs/config/schema.ts`);
    return `| \`${name}\` | ${meta.default} | ${meta.meaning} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
