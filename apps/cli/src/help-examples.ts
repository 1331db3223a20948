/**
 * The examples `ledger --help` prints, in an order that runs top to bottom on a fresh ledger
 * (test/e2e/cli-help-examples.spec.ts runs each one as printed and expects exit 0).
 */
export const HELP_EXAMPLES: readonly string[] = [
  'ledger credentials issue --department residence-office --principal counter-01',
  'ledger store migrate',
  'ledger command list',
  `ledger command RegisterResidence --subject w-001 --data '{"address":{"line":"东区炳草岗大街1号","districtCode":"510402"},"arrivalOn":"2025-01-05"}'`,
  'ledger store verify',
  'ledger store verify --stream residence-permit-w-001',
  'ledger store read residence-permit-w-001',
  'ledger store tail --after 0 --limit 20',
  'ledger policy show panzhihua --on 2026-01-01',
  'ledger projections status',
  'ledger audit refusals --subject w-001',
];

export function helpExamples(): string {
  return [
    '',
    'Examples (commands that act run under a credential: LEDGER_TOKEN=<token> or --token <token>;',
    '`credentials issue` prints one):',
    ...HELP_EXAMPLES.map((example) => `  $ ${example}`),
    '',
    'Exit codes: 0 done, 1 failure, 2 invalid input, 3 refused by the policy, 4 broken hash chain,',
    '5 not found, 64 wrong command line, 77 no or insufficient credential, 78 wrong environment',
    '(docs/operations.md).',
  ].join('\n');
}
