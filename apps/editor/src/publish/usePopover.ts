import { type RefObject, useEffect, useRef, useState } from 'react';

/**
 * A popover's open state that closes like any popover: Escape, or a press anywhere outside the
 * element `ref` points at (the toggle and the popover inside it).
 */
export function usePopover<Element extends HTMLElement>(): {
  readonly open: boolean;
  readonly ref: RefObject<Element | null>;
  toggle(): void;
} {
  const [open, setOpen] = useState(false);
  const ref = useRef<Element>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && ref.current?.contains(event.target) !== true) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return { open, ref, toggle: () => setOpen((shown) => !shown) };
}
