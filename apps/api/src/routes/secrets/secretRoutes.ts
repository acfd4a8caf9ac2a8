import {
  describeSecretBodySchema,
  errorSchema,
  secretListResponseSchema,
  secretNameSchema,
  secretViewSchema,
  setSecretBodySchema,
} from '@callflow/contract';
import { z } from 'zod';
import { defineRoute } from '../../http/defineRoute.ts';
import { loggedIn } from '../auth/sessionRoutes.ts';
import { SecretStore } from './SecretStore.ts';

const TAG = 'secrets';
const secretParams = z.object({ name: secretNameSchema });

export const listSecretsRoute = defineRoute({
  method: 'get',
  path: '/secrets',
  summary:
    'Every secret by name, with its description and dates: never a value (editors reference them by name)',
  tag: TAG,
  access: 'editor',
  responses: { 200: secretListResponseSchema, 503: errorSchema },
  handler: async ({ services }) => ({ status: 200, body: { items: await SecretStore.of(services).list() } }),
});

export const setSecretRoute = defineRoute({
  method: 'put',
  path: '/secrets/:name',
  summary: 'Create a secret or replace its value (stored encrypted; it can never be read back)',
  tag: TAG,
  access: 'admin',
  params: secretParams,
  body: setSecretBodySchema,
  responses: { 200: secretViewSchema, 201: secretViewSchema, 503: errorSchema },
  handler: async ({ params, body, user, services }) => {
    const actor = loggedIn(user);
    const { secret, created } = await SecretStore.of(services).set(
      params.name,
      body.value,
      body.description,
      actor.username,
    );
    // The audit log says a value was set, never what it was.
    await services.audit({
      actor: actor.username,
      action: created ? 'secret_create' : 'secret_replace',
      target: params.name,
      details: body.description === undefined ? {} : { description: body.description },
    });
    return { status: created ? 201 : 200, body: secret };
  },
});

export const describeSecretRoute = defineRoute({
  method: 'patch',
  path: '/secrets/:name',
  summary: "Change a secret's description (its value stays as it is)",
  tag: TAG,
  access: 'admin',
  params: secretParams,
  body: describeSecretBodySchema,
  responses: { 200: secretViewSchema, 404: errorSchema, 503: errorSchema },
  handler: async ({ params, body, user, services }) => {
    const actor = loggedIn(user);
    const secret = await SecretStore.of(services).describe(params.name, body.description, actor.username);
    await services.audit({
      actor: actor.username,
      action: 'secret_describe',
      target: params.name,
      details: { description: body.description },
    });
    return { status: 200, body: secret };
  },
});

export const deleteSecretRoute = defineRoute({
  method: 'delete',
  path: '/secrets/:name',
  summary: 'Delete a secret (HTTP lookups still naming it take their error outcome)',
  tag: TAG,
  access: 'admin',
  params: secretParams,
  responses: { 204: null, 404: errorSchema, 503: errorSchema },
  handler: async ({ params, user, services }) => {
    const actor = loggedIn(user);
    await SecretStore.of(services).delete(params.name);
    await services.audit({ actor: actor.username, action: 'secret_delete', target: params.name });
    return { status: 204 };
  },
});

/** The credentials store: admins set values, nobody reads them back. */
export const secretRoutes = [listSecretsRoute, setSecretRoute, describeSecretRoute, deleteSecretRoute];
