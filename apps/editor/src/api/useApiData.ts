import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { asError } from './asError.ts';

export interface ApiData<T> {
  readonly data: T | undefined;
  readonly error: Error | null;
  readonly loading: boolean;
  /** Loads again, keeping the current data on screen until the new data arrives. */
  readonly reload: () => void;
}

/**
 * Data from the API for a page: loads when the dependencies change, optionally every `refreshMs`,
 * and ignores answers that arrive after the page has asked for something else.
 */
export function useApiData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  dependencies: DependencyList,
  options: { refreshMs?: number } = {},
): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's dependencies decide when to load.
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      setLoading(true);
      try {
        const value = await loadRef.current(controller.signal);
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
      } catch (caught) {
        if (controller.signal.aborted) return;
        setError(asError(caught));
      } finally {
        if (!controller.signal.aborted) {
          setLoading(false);
          if (options.refreshMs !== undefined) timer = setTimeout(run, options.refreshMs);
        }
      }
    };
    void run();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [...dependencies, generation, options.refreshMs]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
