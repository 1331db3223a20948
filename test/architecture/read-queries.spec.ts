import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryBus } from '@nestjs/cqrs';
import { READ_CONTROLLERS } from '../../apps/api/src/routes/reads/read-routes.module';
import { READ_QUERY_HANDLERS } from '../../apps/api/src/routes/reads/queries';

// Issue 15, item 1: the read side is found the way the command side is. Each read route sends a
// query class on the QueryBus and one @QueryHandler answers it; no controller reads a database.
// @nestjs/cqrs keeps the handled query class under this key (decorators/constants.js, not exported).
const QUERY_HANDLER_METADATA = '__queryHandler__';
const QUERIES = join(__dirname, '..', '..', 'apps', 'api', 'src', 'routes', 'reads', 'queries');

describe('read routes send queries on the QueryBus (docs/api-reads.md)', () => {
  it('gives every read controller the QueryBus and no pool or store', () => {
    for (const controller of READ_CONTROLLERS) {
      const source = readFileSync(
        join(__dirname, '..', '..', 'apps', 'api', 'src', 'routes', 'reads', ...controllerPath(controller.name)),
        'utf8',
      );
      expect({ controller: controller.name, readsDirectly: /READ_POOL|EVENT_STORE/.test(source) }).toEqual({
        controller: controller.name,
        readsDirectly: false,
      });
      const params = (Reflect.getMetadata('design:paramtypes', controller) ?? []) as unknown[];
      expect({ controller: controller.name, usesQueryBus: params.includes(QueryBus) }).toEqual({
        controller: controller.name,
        usesQueryBus: true,
      });
    }
  });

  it('has one handler per query class, each in <name>.handler.ts beside <name>.query.ts', () => {
    const pairs: string[] = [];
    for (const area of readdirSync(QUERIES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const files = readdirSync(join(QUERIES, area.name));
      for (const file of files.filter((f) => f.endsWith('.query.ts'))) {
        const base = file.slice(0, -'.query.ts'.length);
        expect(base).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(files).toContain(`${base}.handler.ts`);
        pairs.push(`${area.name}/${base}`);
      }
    }
    const handled = READ_QUERY_HANDLERS.map(
      (handler) => Reflect.getMetadata(QUERY_HANDLER_METADATA, handler) as unknown,
    );
    expect(new Set(handled).size).toBe(READ_QUERY_HANDLERS.length);
    expect(handled.length).toBe(pairs.length);
    // 24 department and store reads, the summary, the worker search and the feed page.
    expect(pairs.length).toBe(27);
  });
});

/** Controllers live in reads/ or reads/departments/, named after their area. */
function controllerPath(name: string): string[] {
  const kebab = name
    .replace(/Controller$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
  const departments: Record<string, string> = {
    'audit-read': 'audit',
    'health-read': 'health',
  };
  const direct = ['streams', 'worker-summary', 'worker-search', 'feed'];
  if (direct.includes(kebab)) return [`${kebab}.controller.ts`];
  return ['departments', `${departments[kebab] ?? kebab}.controller.ts`];
}
