import type { KeyboardEvent } from 'react';

export interface ComboboxKeyState<Item> {
  /** What the list shows now, in order. */
  readonly shown: readonly Item[];
  readonly expanded: boolean;
  readonly active: number;
  readonly setActive: (update: (current: number) => number) => void;
  readonly setOpen: (open: boolean) => void;
  readonly choose: (item: Item) => void;
}

/**
 * The keys of a text field with a list of suggestions (the ARIA combobox pattern): arrows move
 * through the list (opening it), Enter takes the highlighted item, Escape closes the list.
 */
export function comboboxKeyDown<Item>(state: ComboboxKeyState<Item>) {
  return (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      state.setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      state.setActive((current) =>
        Math.min(Math.max(current + step, 0), Math.max(state.shown.length - 1, 0)),
      );
    } else if (event.key === 'Enter' && state.expanded) {
      const picked = state.shown[state.active];
      if (picked !== undefined) {
        event.preventDefault();
        state.choose(picked);
      }
    } else if (event.key === 'Escape') state.setOpen(false);
  };
}
