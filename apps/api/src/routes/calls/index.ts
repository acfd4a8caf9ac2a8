import type { AnyRoute } from '../../http/defineRoute.ts';
import { getCall, listCalls } from './callRoutes.ts';
import { callStreamRoute } from './callStream.ts';
import { callRecordings, listRecordings, recordingFile } from './recordingRoutes.ts';
import { runtimeEvents, runtimeStatus } from './runtimeRoutes.ts';

/** Call log, live call stream, recordings (through ARI) and runtime status. All need the viewer role. */
export const callRoutes: readonly AnyRoute[] = [
  listCalls,
  // Before `/calls/:callId`, which would otherwise take `stream` for a call id.
  callStreamRoute(),
  getCall,
  callRecordings,
  listRecordings,
  recordingFile,
  runtimeStatus,
  runtimeEvents,
];
