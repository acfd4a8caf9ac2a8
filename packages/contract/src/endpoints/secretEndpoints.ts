import { z } from 'zod';
import { errorSchema } from '../errorContract.ts';
import {
  describeSecretBodySchema,
  secretListResponseSchema,
  secretNameSchema,
  secretViewSchema,
  setSecretBodySchema,
} from '../secretContract.ts';
import { defineEndpoint } from './Endpoint.ts';

const tag = 'secrets';
const secretParams = z.object({ name: secretNameSchema });

/** The credentials store: admins set values, nobody reads them back. */
export const secretEndpoints = {
  listSecrets: defineEndpoint({
    method: 'get',
    path: '/secrets',
    summary:
      'Every secret by name, with its description and dates: never a value (editors reference them by name)',
    tag,
    access: 'editor',
    responses: { 200: secretListResponseSchema, 503: errorSchema },
    success: 200,
  }),
  setSecret: defineEndpoint({
    method: 'put',
    path: '/secrets/:name',
    summary: 'Create a secret or replace its value (stored encrypted; it can never be read back)',
    tag,
    access: 'admin',
    params: secretParams,
    body: setSecretBodySchema,
    responses: { 200: secretViewSchema, 201: secretViewSchema, 503: errorSchema },
    // 201 when it was created; the same answer either way.
    success: 200,
  }),
  describeSecret: defineEndpoint({
    method: 'patch',
    path: '/secrets/:name',
    summary: "Change a secret's description (its value stays as it is)",
    tag,
    access: 'admin',
    params: secretParams,
    body: describeSecretBodySchema,
    responses: { 200: secretViewSchema, 404: errorSchema, 503: errorSchema },
    success: 200,
  }),
  deleteSecret: defineEndpoint({
    method: 'delete',
    path: '/secrets/:name',
    summary: 'Delete a secret (HTTP lookups still naming it take their error outcome)',
    tag,
    access: 'admin',
    params: secretParams,
    responses: { 204: null, 404: errorSchema, 503: errorSchema },
    success: 204,
  }),
};
