#!/usr/bin/env node
'use strict';
/**
 * Generates apps/api/src/routes/reads/read-schemas.generated.json: the JSON Schema of every read
 * route's answer, from the TypeScript interface ReadResults (apps/api/src/routes/reads/read-contract.ts)
 * that names the type each query handler returns. `--check` exits 1 when the file is stale.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'apps/api/src/routes/reads/read-schemas.generated.json');

/** OpenAPI component names allow [A-Za-z0-9._-]: `Page<PermitRow>` becomes `PagePermitRow`. */
function componentName(definition) {
  return decodeURIComponent(definition)
    .replace(/^(\w+)\.(\w+)$/, '$2')
    .replace(/[^A-Za-z0-9._-]/g, '');
}

/**
 * JSON Schema to an OpenAPI 3.0 Schema Object (what @nestjs/swagger serves): `type: [T, 'null']`
 * becomes `type: T, nullable: true`, `const` an enum of one.
 */
function toOpenApi30(node) {
  if (Array.isArray(node)) return node.map(toOpenApi30);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = toOpenApi30(value);
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((type) => ({ type }));
    }
    if (node.type.includes('null')) out.nullable = true;
  }
  if ('const' in out) {
    out.enum = [out.const];
    delete out.const;
  }
  if (Array.isArray(out.anyOf)) {
    const nulls = out.anyOf.filter((s) => s.type === 'null');
    if (nulls.length) {
      out.anyOf = out.anyOf.filter((s) => s.type !== 'null');
      out.nullable = true;
      if (out.anyOf.length === 1) {
        const [only] = out.anyOf;
        delete out.anyOf;
        if (only.$ref) out.allOf = [only];
        else Object.assign(out, only);
      }
    }
  }
  return out;
}

function generate() {
  const { createGenerator } = require('ts-json-schema-generator');
  const schema = createGenerator({
    path: join(ROOT, 'apps/api/src/routes/reads/read-contract.ts'),
    tsconfig: join(ROOT, 'tsconfig.json'),
    type: 'ReadResults',
    expose: 'export',
    topRef: true,
    skipTypeCheck: true,
    jsDoc: 'basic',
  }).createSchema('ReadResults');
  const names = new Map(Object.keys(schema.definitions).map((name) => [name, componentName(name)]));
  const text = JSON.stringify(schema.definitions).replace(/"#\/definitions\/([^"]+)"/g, (_, ref) => {
    const name = names.get(ref) ?? names.get(decodeURIComponent(ref));
    if (!name) throw new Error(`unknown $ref ${ref}`);
    return JSON.stringify(`#/components/schemas/${name}`);
  });
  const definitions = toOpenApi30(JSON.parse(text));
  const components = {};
  for (const [name, value] of Object.entries(definitions))
    if (name !== 'ReadResults') components[names.get(name)] = value;
  const operations = definitions.ReadResults.properties;
  return `${JSON.stringify({ operations, components }, null, 2)}\n`;
}

if (require.main === module) {
  const text = generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== text) {
      console.error('read-schemas.generated.json is stale: run npm run openapi:read-schemas');
      process.exit(1);
    }
  } else writeFileSync(OUT, text);
}

module.exports = { generate, OUT };
