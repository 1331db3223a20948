import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { READ_POOL } from '../../tokens';

/**
 * Which children's schooling streams name a worker as a parent. The link is in
 * ChildRegistered (`parentWorkerIds`); the education read model indexes it, so the summary
 * asks it rather than scanning the log. Until that model exists there are no links.
 */
@Injectable()
export class ChildLinks {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async childrenOf(workerId: string): Promise<string[]> {
    void this.pool;
    void workerId;
    return [];
  }
}
