import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { READ_POOL } from '../../tokens';

/** PostgreSQL's undefined_table: the education read model has not been created yet. */
const UNDEFINED_TABLE = '42P01';

/**
 * Which children's schooling streams name a worker as a parent. The link is in
 * ChildRegistered (`parentWorkerIds`); the education read model indexes it, so the summary asks
 * it rather than scanning the log. The children's sections themselves are folded from the store.
 */
@Injectable()
export class ChildLinks {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async childrenOf(workerId: string): Promise<string[]> {
    try {
      const { rows } = await this.pool.query<{ child_id: string }>(
        // `@>`, not `= ANY`: the GIN index on parent_worker_ids answers it without a scan.
        'SELECT child_id FROM education.children WHERE parent_worker_ids @> ARRAY[$1::text] ORDER BY child_id',
        [workerId],
      );
      return rows.map((r) => r.child_id);
    } catch (error) {
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return [];
      throw error;
    }
  }
}
