/** The checks the API makes, made before submit so a clerk sees a mistake at once. The API remains the judge. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 身份证号: 17 digits, a valid birth date, and the check character. */
export function idNumberProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位：17位数字加1位校验码（数字或X）';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth)) return `身份证号中的出生日期 ${birth} 不存在`;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  const expected = CHECK[sum % 11];
  if (id[17] !== expected) return `身份证号校验码不符：最后一位应为 ${expected}`;
  return null;
}

/** The birth date a 身份证号 carries (YYYY-MM-DD). */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date of a fact: well formed and not after the ledger's today. */
export function factDateProblem(value: string | undefined, today: string): string | null {
  if (!value) return '请填写日期';
  if (!isIsoDate(value.trim())) return '日期格式为 YYYY-MM-DD，且须为实际存在的日期';
  if (value.trim() > today) return `不能晚于今天（${today}）：登记的是已发生的事实`;
  return null;
}

/** antd Form rule from a check returning a message or null. */
export function rule(check: (value: string) => string | null) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      const problem = check(value ?? '');
      if (problem) throw new Error(problem);
    },
  };
}
