/** Schooling (教育局, with 卫健委 for vaccination): a migrant child's place, health records and exams, stream `schooling-<childId>`. */
export * from './domain';
