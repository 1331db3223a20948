/**
 * The worker's qualifications and rural rights: vocabularies the policy packs share, kept in the
 * kernel (libs/kernel/vocabularies.ts) so policy never imports this domain.
 */
export { EDUCATION_LEVELS, LAND_RIGHTS, SKILL_LEVELS } from '@ledger/kernel';
export type { EducationLevel, LandRight, SkillLevel } from '@ledger/kernel';
