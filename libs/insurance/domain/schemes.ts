// The schemes are a vocabulary the policy packs share: kept in the kernel (libs/kernel/vocabularies.ts).
import { SCHEMES, type Scheme } from '@ledger/kernel';

export { SCHEMES };
export type { Scheme };

/** Schemes between which a transfer (转移接续) can carry months: pension to pension, medical to medical. */
export const SCHEME_FAMILIES = {
  pension: ['employee-pension', 'resident-pension'],
  medical: ['employee-medical', 'resident-medical'],
  maternity: ['maternity'],
  'work-injury': ['work-injury'],
  unemployment: ['unemployment'],
} as const satisfies Record<string, readonly Scheme[]>;
export type SchemeFamily = keyof typeof SCHEME_FAMILIES;

export function familyOf(scheme: Scheme): SchemeFamily {
  switch (scheme) {
    case 'employee-pension':
    case 'resident-pension':
      return 'pension';
    case 'employee-medical':
    case 'resident-medical':
      return 'medical';
    case 'maternity':
      return 'maternity';
    case 'work-injury':
      return 'work-injury';
    case 'unemployment':
      return 'unemployment';
    default: {
      const unreachable: never = scheme;
      throw new RangeError(`unknown scheme ${String(unreachable)}`);
    }
  }
}

/** How a worker came to be covered: through a stable employer, as a flexible worker, or per construction project. */
export const ENROLMENT_BASES = ['stable-job', 'flexible', 'construction-project'] as const;
export type EnrolmentBasis = (typeof ENROLMENT_BASES)[number];

/** Chinese names for refusal wording (never stored in events). */
export const SCHEME_NAMES: Record<Scheme, string> = {
  'employee-pension': '企业职工基本养老保险',
  'resident-pension': '城乡居民基本养老保险',
  'employee-medical': '城镇职工基本医疗保险',
  'resident-medical': '城乡居民基本医疗保险',
  maternity: '生育保险',
  'work-injury': '工伤保险',
  unemployment: '失业保险',
};

export function isScheme(value: unknown): value is Scheme {
  return typeof value === 'string' && (SCHEMES as readonly string[]).includes(value);
}
