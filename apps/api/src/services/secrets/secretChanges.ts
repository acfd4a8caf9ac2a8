import type { DescribeSecretBody, SecretView, SetSecretBody } from '@callflow/contract';
import type { ApiServices, AuthenticatedUser } from '../../http/ApiServices.ts';
import { SecretStore } from './SecretStore.ts';

/**
 * Changes to the credentials store, each recorded in the audit log: that a value was set, never what
 * it was.
 */

/** Creates the secret or replaces its value (the description is kept unless given). */
export async function setSecret(
  services: ApiServices,
  actor: AuthenticatedUser,
  name: string,
  body: SetSecretBody,
): Promise<{ secret: SecretView; created: boolean }> {
  const changed = await SecretStore.of(services).set(name, body.value, body.description, actor.username);
  await services.audit({
    actor: actor.username,
    action: changed.created ? 'secret_create' : 'secret_replace',
    target: name,
    details: body.description === undefined ? {} : { description: body.description },
  });
  return changed;
}

/** Changes a secret's description; its value stays as it is. */
export async function describeSecret(
  services: ApiServices,
  actor: AuthenticatedUser,
  name: string,
  body: DescribeSecretBody,
): Promise<SecretView> {
  const secret = await SecretStore.of(services).describe(name, body.description, actor.username);
  await services.audit({
    actor: actor.username,
    action: 'secret_describe',
    target: name,
    details: { description: body.description },
  });
  return secret;
}

export async function deleteSecret(
  services: ApiServices,
  actor: AuthenticatedUser,
  name: string,
): Promise<void> {
  await SecretStore.of(services).delete(name);
  await services.audit({ actor: actor.username, action: 'secret_delete', target: name });
}
