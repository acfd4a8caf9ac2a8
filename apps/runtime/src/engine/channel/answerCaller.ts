import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';
import { callerRequest } from './callerRequest.ts';

/** Answers the caller's channel. */
export function answerCaller(deps: AriCallChannelDeps): Promise<void> {
  return callerRequest(deps, () => deps.ari.channels.answer(deps.id));
}
