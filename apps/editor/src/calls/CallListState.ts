import type { CallItem } from '@callflow/contract';
import type { CallFilters } from '../api/callsApi.ts';
import type { Page } from '../api/usePagedList.ts';
import { callMatchesFilters } from './callMatchesFilters.ts';
import { compareCalls } from './compareCalls.ts';
import { mergeCall } from './mergeCall.ts';

/** The calls loaded so far (newest first) and the cursor of the page after them. */
export type CallListState = Page<CallItem>;

/** How a loaded call list changes as fresh first pages and stream messages arrive. */
export const CallListState = {
  /** A streamed call: updated in place, inserted in order, or dropped when it no longer matches. */
  applyCall(state: CallListState, call: CallItem, filters: CallFilters): CallListState {
    const index = state.items.findIndex((item) => item.id === call.id);
    if (!callMatchesFilters(call, filters)) {
      if (index === -1) return state;
      return { ...state, items: state.items.filter((item) => item.id !== call.id) };
    }
    if (index !== -1) {
      const items = [...state.items];
      items[index] = mergeCall(state.items[index], call);
      return { ...state, items };
    }
    // Older than everything loaded while more pages exist: "load more" will bring it in its place.
    const last = state.items.at(-1);
    if (state.nextCursor !== null && last !== undefined && compareCalls(call, last) > 0) return state;
    return { ...state, items: [...state.items, call].sort(compareCalls) };
  },

  /**
   * A fresh first page over what is loaded: the page is the truth for the time span it covers,
   * older pages already loaded are kept. When the page does not reach the loaded calls at all
   * (many new calls), only the page is kept so that no hole opens in the list.
   */
  refreshFirstPage(state: CallListState, page: Page<CallItem>): CallListState {
    const byId = new Map(state.items.map((item) => [item.id, item]));
    const fresh = page.items.map((item) => mergeCall(byId.get(item.id), item));
    const boundary = page.items.at(-1);
    if (page.nextCursor === null || boundary === undefined) return { items: fresh, nextCursor: null };
    if (!page.items.some((item) => byId.has(item.id))) return { items: fresh, nextCursor: page.nextCursor };
    const older = state.items.filter((item) => compareCalls(item, boundary) > 0);
    return {
      items: [...fresh, ...older],
      nextCursor: older.length === 0 ? page.nextCursor : state.nextCursor,
    };
  },
};
