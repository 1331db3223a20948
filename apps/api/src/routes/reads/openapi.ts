import type { ApiResponseOptions } from '@nestjs/swagger';

/** How every error answer is described: RFC 9457 problem+json (see apps/api/src/problem). */
export const PROBLEM_RESPONSE: Pick<ApiResponseOptions, 'content'> = {
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string', format: 'uri-reference', description: 'a page the ledger serves: /problems/<type>' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
        },
      },
      example: {
        type: '/problems/not-found',
        title: '没有这项资源',
        status: 404,
        detail: 'No stream residence-permit-w-nobody',
        instance: '/v1/streams/residence-permit-w-nobody/events',
      },
    },
  },
};
