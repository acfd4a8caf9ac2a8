import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `delayMs`, e.g. a search box's text, so not every key press asks the API. */
export function useDebouncedValue<Value>(value: Value, delayMs: number): Value {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
