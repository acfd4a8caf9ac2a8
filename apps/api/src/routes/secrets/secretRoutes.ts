import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { loggedIn } from '../../http/loggedIn.ts';
import { SecretStore } from '../../services/secrets/SecretStore.ts';
import { deleteSecret, describeSecret, setSecret } from '../../services/secrets/secretChanges.ts';

export const secretRoutes = {
  listSecrets: implement(endpoints.listSecrets).with(async ({ services }) => ({
    status: 200,
    body: { items: await SecretStore.of(services).list() },
  })),

  setSecret: implement(endpoints.setSecret).with(async ({ params, body, user, services }) => {
    const { secret, created } = await setSecret(services, loggedIn(user), params.name, body);
    return { status: created ? 201 : 200, body: secret };
  }),

  describeSecret: implement(endpoints.describeSecret).with(async ({ params, body, user, services }) => ({
    status: 200,
    body: await describeSecret(services, loggedIn(user), params.name, body),
  })),

  deleteSecret: implement(endpoints.deleteSecret).with(async ({ params, user, services }) => {
    await deleteSecret(services, loggedIn(user), params.name);
    return { status: 204 };
  }),
};
