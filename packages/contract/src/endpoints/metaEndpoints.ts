import { healthResponseSchema } from '../metaContract.ts';
import { defineEndpoint } from './Endpoint.ts';

export const metaEndpoints = {
  health: defineEndpoint({
    method: 'get',
    path: '/health',
    summary: 'Whether the API and its database answer',
    tag: 'meta',
    access: 'public',
    responses: { 200: healthResponseSchema },
    success: 200,
  }),
};
