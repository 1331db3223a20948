/**
 * Vocabularies that the contexts' domains and the policy packs share: the packs key their
 * parameters by these values and the deciders store them in events. They live here, below both,
 * so that policy never imports a context's domain folder (issue 15, item 6).
 */

/** 学历, as the certifying bodies name them, lowest first. */
export const EDUCATION_LEVELS = ['小学', '初中', '高中', '中专', '大专', '本科', '硕士', '博士'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** 国家职业资格等级, lowest first. */
export const SKILL_LEVELS = ['初级', '中级', '高级', '技师', '高级技师'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/** Rural rights a worker may hold in the home village (panzhihua-2016-10 §(十六)–§(十七)). */
export const LAND_RIGHTS = ['land-contract', 'homestead', 'collective-share', 'forest'] as const;
export type LandRight = (typeof LAND_RIGHTS)[number];

/**
 * The social-insurance schemes the seeds name (养老, 医疗, 生育, 工伤, 失业), employee and
 * resident variants kept apart because panzhihua-2016-10 §(七) transfers between them.
 */
export const SCHEMES = [
  'employee-pension',
  'resident-pension',
  'employee-medical',
  'resident-medical',
  'maternity',
  'work-injury',
  'unemployment',
] as const;
export type Scheme = (typeof SCHEMES)[number];

/** Who a registration rule covers: any urban resident (panzhihua) or jobless 农民工 only (sanming). */
export const REGISTRATION_POPULATIONS = ['urban-resident', 'migrant-worker'] as const;
export type RegistrationPopulation = (typeof REGISTRATION_POPULATIONS)[number];

/** What a legal-aid application asks for (sanming-draft §18: 劳动报酬, 工伤事故人身损害赔偿, or anything else). */
export const LEGAL_AID_CLAIMS = ['wage-arrears', 'work-injury-damages', 'other'] as const;
export type LegalAidClaim = (typeof LEGAL_AID_CLAIMS)[number];
