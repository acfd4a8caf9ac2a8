import { useEffect, useRef } from 'react';

export interface EditorShortcuts {
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  cut(): void;
  selectAll(): void;
  deleteSelection(): void;
  duplicate(): void;
  save(): void;
  fitView(): void;
  layout(): void;
}

/** Typing in a form field keeps its own keys (Backspace deletes a letter, not the node). */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The editor's keyboard shortcuts, listed in the toolbar's help. */
export function useEditorShortcuts(actions: EditorShortcuts, readOnly: boolean): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingInField(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      const a = latest.current;
      if (mod && key === 's') return run(a.save);
      if (mod && key === 'c') return run(a.copy);
      if (mod && key === 'a') return run(a.selectAll);
      if (!mod && event.shiftKey && key === 'f') return run(a.fitView);
      if (readOnly) return;
      if (mod && key === 'z' && !event.shiftKey) return run(a.undo);
      if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) return run(a.redo);
      if (mod && key === 'v') return run(a.paste);
      if (mod && key === 'x') return run(a.cut);
      if (mod && key === 'd') return run(a.duplicate);
      if (!mod && event.shiftKey && key === 'l') return run(a.layout);
      if (!mod && (key === 'delete' || key === 'backspace')) return run(a.deleteSelection);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [readOnly]);
}

export const shortcutHelp: readonly [string, string][] = [
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
  ['Ctrl+C / Ctrl+X / Ctrl+V', 'Copy / cut / paste nodes'],
  ['Ctrl+D', 'Duplicate the selection'],
  ['Ctrl+A', 'Select everything'],
  ['Delete', 'Delete the selection'],
  ['Shift+drag', 'Select an area'],
  ['Shift+L', 'Arrange the flow automatically'],
  ['Shift+F', 'Fit the flow in view'],
  ['Ctrl+S', 'Save now'],
];
