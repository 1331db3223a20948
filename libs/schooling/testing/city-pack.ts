import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BUILT_IN_PACKS_DIR, loadPack, PolicyView } from '@ledger/policy';
import type { SchoolAdmissionAgeParams } from '@ledger/policy/params/schooling';

/**
 * Tests only: a city's own pack extending a shipped one with the school entry age and cut-off
 * that no seed states (docs/policy-rules.md §3: no default), as a city adds it through LEDGER_POLICY_DIR.
 */
export function withSchoolAge(
  base: string,
  params: SchoolAdmissionAgeParams = { entryAge: 6, cutOff: '08-31' },
): PolicyView {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-city-pack-'));
  const id = `${base}-city`;
  mkdirSync(join(dir, id));
  writeFileSync(
    join(dir, id, 'pack.yaml'),
    stringify({
      id,
      version: '1.0.0-test',
      jurisdiction: `${base} (test city pack)`,
      name: `${base} + 入学年龄`,
      extends: base,
      effectiveFrom: '2016-01-01',
    }),
  );
  writeFileSync(
    join(dir, id, 'schooling.yaml'),
    stringify({
      rules: [
        {
          id: 'school.admission.age',
          source: `${id} 义务教育招生通知`,
          sourceType: 'city',
          quote: `年满${params.entryAge}周岁`,
          status: 'in-force',
          note: 'test fixture standing in for the city’s own enrolment notice',
          versions: [{ effectiveFrom: '2016-01-01', params }],
        },
      ],
    }),
  );
  return new PolicyView(loadPack(id, { dirs: [dir, BUILT_IN_PACKS_DIR] }));
}
