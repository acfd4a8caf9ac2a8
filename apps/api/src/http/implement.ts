import type { AnyEndpoint, Parsed } from '@callflow/contract';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ApiServices, AuthenticatedUser } from './ApiServices.ts';

export interface RouteContext<Params, Query, Body> {
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  /** Null only on `access: 'public'` routes. */
  readonly user: AuthenticatedUser | null;
  readonly services: ApiServices;
  readonly request: Request;
  readonly response: Response;
  /**
   * Checks the request's session again, now: whether it still exists and still grants this route
   * (same user, role high enough, no password change pending). Long-lived answers (event streams) ask
   * this while they run.
   */
  readonly stillAllowed: () => Promise<boolean>;
}

export type RouteResult = { status: number; body?: unknown; headers?: Record<string, string> } | 'handled';

type BodyOf<S> = S extends z.ZodType ? { readonly body: z.input<S> } : { readonly body?: undefined };

/**
 * What a handler of `E` may answer: one of the endpoint's documented statuses with the body its
 * schema describes, or `handled` when it wrote the response itself (a stream, a file).
 */
export type AnswerOf<E extends AnyEndpoint> =
  | {
      [Status in keyof E['responses'] & number]: {
        readonly status: Status;
        readonly headers?: Record<string, string>;
      } & BodyOf<E['responses'][Status]>;
    }[keyof E['responses'] & number]
  | 'handled';

/** The context a handler of `E` gets: params, query and body as the endpoint's schemas parsed them. */
export type ContextOf<E extends AnyEndpoint> = RouteContext<
  Parsed<E['params']>,
  Parsed<E['query']>,
  Parsed<E['body']>
>;

/** An endpoint of the contract with the API's handler for it: what mountRoutes mounts. */
export type ApiRoute<E extends AnyEndpoint = AnyEndpoint> = E & {
  /** The table entry this implements (the same object). */
  readonly endpoint: E;
  // A method, so that a route of any endpoint fits a list of routes (whose context is unknown).
  handler(context: ContextOf<E>): Promise<RouteResult>;
};

/**
 * Implements a contract endpoint: `implement(endpoints.getFlow).with(async ({ params }) => ...)`. The
 * handler receives what the endpoint's schemas parsed and may only answer the statuses and bodies the
 * endpoint documents, both checked by the compiler. (Two steps, so that the endpoint is known before
 * the handler is read: in one generic call TypeScript widens `status: 200` to number.)
 */
export function implement<E extends AnyEndpoint>(
  endpoint: E,
): { with(handler: (context: ContextOf<E>) => Promise<AnswerOf<E>>): ApiRoute<E> } {
  return { with: (handler) => ({ ...endpoint, endpoint, handler }) };
}
