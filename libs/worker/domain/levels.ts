/**
 * The worker's qualifications as the certifying bodies name them. Policy packs key their
 * points by these values, so they live here, with no imports, for both to share.
 */
export const EDUCATION_LEVELS = ['小学', '初中', '高中', '中专', '大专', '本科', '硕士', '博士'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** 国家职业资格等级, lowest first. */
export const SKILL_LEVELS = ['初级', '中级', '高级', '技师', '高级技师'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/** Rural rights a worker may hold in the home village (panzhihua-2016-10 §(十六)–§(十七)). */
export const LAND_RIGHTS = ['land-contract', 'homestead', 'collective-share', 'forest'] as const;
export type LandRight = (typeof LAND_RIGHTS)[number];
