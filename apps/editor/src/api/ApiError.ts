import type { FlowProblem } from '@callflow/contract';

/** A failed API request, carrying what the API said so the page can show it next to the field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly FlowProblem[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** What a form shows for anything thrown: the API's own error, or one without field problems. */
  static from(caught: unknown): ApiError {
    if (caught instanceof ApiError) return caught;
    return new ApiError(0, 'unknown', caught instanceof Error ? caught.message : String(caught));
  }

  /** The message for a field, e.g. `body.name`, if the API named it. */
  problemAt(path: string): string | undefined {
    return this.problems.find((problem) => problem.path === path)?.message;
  }
}
