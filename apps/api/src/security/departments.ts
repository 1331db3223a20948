import type { Department } from '@ledger/application';

/** A credential's department: a stream owner (catalog) or the auditors, who own no stream. */
export type ApiDepartment = Department | 'audit';

/** Every department a credential can be issued to, with the office it stands for. */
export const DEPARTMENTS: Readonly<Record<ApiDepartment, string>> = {
  'public-security': '公安局',
  hrss: '人社局',
  housing: '住建局',
  education: '教育局',
  health: '卫健委',
  'migrant-services': '流动人口服务管理局',
  'residence-office': '派出所 / 社区服务站 (居住证窗口)',
  audit: '审计 / 督查室',
};

export const DEPARTMENT_NAMES = Object.keys(DEPARTMENTS) as ApiDepartment[];

export function isApiDepartment(value: unknown): value is ApiDepartment {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DEPARTMENTS, value);
}

/**
 * The departments that see 身份证号 in clear: the worker stream's owner and 公安局, which
 * issues the identity card (docs/architecture.md §2, read models: masked outside the owning department).
 */
export const ID_NUMBER_OWNERS: readonly ApiDepartment[] = ['residence-office', 'public-security'];
