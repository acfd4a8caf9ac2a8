import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import {
  CallStream,
  type CallStreamOptions,
  defaultCallStreamOptions,
} from '../../services/calls/CallStream.ts';
import { listCalls, readCall } from '../../services/calls/callLog.ts';

/** `GET /calls/stream`, with its timings (the tests shorten them). */
export function callStreamRoute(options: CallStreamOptions = defaultCallStreamOptions) {
  return implement(endpoints.callStream).with(async ({ query, services, response, user, stillAllowed }) => {
    await new CallStream(services, query, response, options, { user, stillAllowed }).open();
    return 'handled';
  });
}

export const callRoutes = {
  listCalls: implement(endpoints.listCalls).with(async ({ query, services }) => ({
    status: 200,
    body: await listCalls(services, query),
  })),

  callStream: callStreamRoute(),

  getCall: implement(endpoints.getCall).with(async ({ params, services }) => ({
    status: 200,
    body: await readCall(services, params.callId),
  })),
};
