import type { CallItem } from '@callflow/contract';
import { useState } from 'react';
import { type CallFilters, callsApi } from '../api/callsApi.ts';
import { type PagedList, usePagedList } from '../api/usePagedList.ts';
import { CallListState } from './CallListState.ts';
import { type CallStreamState, openCallStream } from './openCallStream.ts';

export interface CallList extends PagedList<CallItem> {
  readonly stream: CallStreamState;
}

/**
 * The call log for a set of filters, newest first, kept current by the live stream: new calls are
 * inserted, live ones updated as they end. Older pages load on demand.
 */
export function useCallList(filters: CallFilters): CallList {
  const [stream, setStream] = useState<CallStreamState>('connecting');
  const list = usePagedList(filters, {
    fetchPage: callsApi.list,
    mergeFirstPage: CallListState.refreshFirstPage,
    follow: (current, { refresh, update }) =>
      openCallStream(
        { extension: current.extension, flowId: current.flowId },
        {
          onState: setStream,
          // The stream starts at "now": what happened while it was not connected is read again.
          onOpen: () => void refresh(),
          onCall: (call) => update((loaded) => CallListState.applyCall(loaded, call, current)),
        },
      ),
  });
  return { ...list, stream };
}
