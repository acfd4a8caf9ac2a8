import type { RuntimeEvent } from '@callflow/contract';
import type { Page } from '../api/usePagedList.ts';

/** The runtime events loaded so far (newest first) and the cursor of the page after them. */
export type RuntimeEventListState = Page<RuntimeEvent>;

/** The API's order: `at` descending, then `id` descending. */
const newestFirst = (a: RuntimeEvent, b: RuntimeEvent): number =>
  Date.parse(b.at) - Date.parse(a.at) || b.id - a.id;

/** How the loaded runtime events change as polled first pages arrive. */
export const RuntimeEventListState = {
  /**
   * A freshly polled first page over what is loaded: events never change, so only new ones are
   * added. When the page does not reach the loaded events (more new events than a page), only the
   * page is kept so that no hole opens in the list.
   */
  addNewest(state: RuntimeEventListState, page: Page<RuntimeEvent>): RuntimeEventListState {
    const known = new Set(state.items.map((event) => event.id));
    const overlaps = page.items.some((event) => known.has(event.id));
    if (state.items.length === 0 || (!overlaps && page.nextCursor !== null)) return page;
    const added = page.items.filter((event) => !known.has(event.id));
    if (added.length === 0) return state;
    return { items: [...added, ...state.items].sort(newestFirst), nextCursor: state.nextCursor };
  },
};
