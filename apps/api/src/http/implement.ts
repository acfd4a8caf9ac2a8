import type { AnyEndpoint, Parsed } from '@callflow/contract';
import type { z } from 'zod';
import type { RouteContext, RouteResult } from './defineRoute.ts';

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
