/** Display words for the API's values (the API sends values, never display text). */

export const PERMIT_STATUS: Record<string, string> = {
  none: '已居住登记，未申领',
  applied: '已申领，待签发',
  active: '有效',
  suspended: '签注逾期，已中止',
  revoked: '已注销',
  overdue: '签注逾期',
};

export const GROUNDS: Record<string, string> = {
  'stable-job': '合法稳定就业',
  'stable-home': '合法稳定住所',
  'continuous-study': '连续就读',
};

export const COMMANDS: Record<string, string> = {
  RegisterWorker: '流动人口信息登记',
  RegisterResidence: '居住登记',
  ApplyForPermit: '居住证申领',
  IssuePermit: '居住证签发',
  EndorsePermit: '居住证签注',
  ChangeAddress: '居住地址变更',
};

export const EVENTS: Record<string, string> = {
  WorkerRegistered: '人员信息已登记',
  ResidenceRegistered: '居住登记已办理',
  PermitApplied: '居住证申领已受理',
  PermitIssued: '居住证已签发',
  PermitEndorsed: '签注已办理',
  PermitRestored: '居住证已恢复有效',
  AddressChanged: '居住地址已变更',
};

/** Field names of the API's bodies, for its validation messages. */
export const FIELDS: Record<string, string> = {
  workerId: '台账编号',
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  birthDate: '出生日期',
  hukouPlace: '户籍地',
  'hukouPlace.areaCode': '户籍地区划代码',
  'hukouPlace.address': '户籍地址',
  arrivalOn: '来本市日期',
  address: '居住地址',
  'address.line': '居住地址',
  'address.districtCode': '居住地区划代码',
  movedOn: '迁入新址日期',
  ground: '申领条件',
  evidenceRef: '证明材料编号',
  permitNumber: '居住证号',
  issuingOfficeCode: '签发机关代码',
};

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (key === null || key === undefined) return '—';
  return map[key] ?? key;
}

export const TRANSFER_STATUS: Record<string, string> = {
  requested: '已申请',
  'letter-issued': '已出具联系函',
  'funds-received': '资金已到账',
  completed: '已办结',
  rejected: '已退回',
};

export const RENTAL_STATUS: Record<string, string> = {
  submitted: '已申请',
  waitlisted: '轮候中',
  suspended: '暂停轮候',
  allocated: '已配租',
  leased: '已签约',
  ended: '已退租',
};

export const SCHEMES: Record<string, string> = {
  'employee-pension': '职工养老保险',
  'employee-medical': '职工医疗保险',
  'resident-pension': '城乡居民养老保险',
  'resident-medical': '城乡居民医疗保险',
  unemployment: '失业保险',
  'work-injury': '工伤保险',
  maternity: '生育保险',
};

export const POINT_FACTORS: Record<string, string> = {
  permit: '持居住证年限',
  contributions: '社会保险缴费年限',
  education: '学历',
  skill: '职业技能',
  home: '住房',
  violations: '违法违规扣分',
};

export const ENROLMENT_STATUS: Record<string, string> = {
  applied: '已申请入学',
  eligible: '符合入学条件，待安排学位',
  offered: '已安排学位',
  enrolled: '已入学',
};

/** 卫健委's check of the 预防接种证. */
export const CERTIFICATE: Record<string, string> = {
  complete: '预防接种证齐全',
  gaps: '预防接种证有缺种',
  missing: '无预防接种证',
};

export const VACCINATION_RECORD: Record<string, string> = {
  card: '预防接种证(卡)',
  file: '预防接种档案',
  certificate: '预防接种证',
};
