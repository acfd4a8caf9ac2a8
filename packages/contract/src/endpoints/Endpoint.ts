import type { z } from 'zod';
import type { Role } from '../sessionContract.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Schema = z.ZodType;

/** Status → schema of the JSON body (null: no body, or not JSON). */
export type EndpointResponses = Readonly<Record<number, Schema | null>>;

/**
 * One route of the HTTP API, without its handler: what the API parses, who may call it and what it
 * answers. The API implements each endpoint once (apps/api `implement`), generates the OpenAPI
 * document from these, and the browser's client calls them (`callEndpoint`), so a path, a schema or a
 * role is written in one place.
 */
export interface Endpoint<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends EndpointResponses = EndpointResponses,
  S extends keyof R & number = keyof R & number,
> {
  readonly method: HttpMethod;
  /** Express-style path below /api, e.g. `/flows/:flowId`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** The least role allowed; `public` needs no login. */
  readonly access: Role | 'public';
  /**
   * Also answers a user who must still change their password (the session routes: who am I, change
   * my password). Every other route answers them 403 `password_change_required`.
   */
  readonly allowedBeforePasswordChange?: true;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * `flowDocument`: the body is or holds a flow document and may be up to API_BODY_LIMIT (5 MB by
   * default). `audio`: the body is not JSON but an audio file's bytes, sent as they are with a
   * `Content-Type` of `audio/*` or `application/octet-stream`, at most `maxPromptUploadBytes` (20 MiB);
   * the body schema parses them as a Uint8Array. Any other body is JSON of at most 64 KB. Either way
   * it is read only after the session is checked.
   */
  readonly bodyLimit?: 'flowDocument' | 'audio';
  /** Documented responses: status → schema of the JSON body (null: no body or not JSON). */
  readonly responses: R;
  /** The status of the answer a client gets when all goes well; its schema parses that answer. */
  readonly success: S;
}

/** Any endpoint, whatever its schemas. */
export type AnyEndpoint = Endpoint<
  Schema | undefined,
  Schema | undefined,
  Schema | undefined,
  EndpointResponses,
  number
>;

/** Declares an endpoint; the schemas' types are kept, so the API and the client are checked against them. */
export function defineEndpoint<
  const R extends EndpointResponses,
  S extends keyof R & number,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(endpoint: Endpoint<P, Q, B, R, S>): Endpoint<P, Q, B, R, S> {
  return endpoint;
}

/** The schema of an optional part of an endpoint (`params`, `query`, `body`); never when it has none. */
export type SchemaOf<Part> = Exclude<Part, undefined>;
/** What a part's schema parses to: `undefined` when the endpoint has none. */
export type Parsed<Part> = [SchemaOf<Part>] extends [never]
  ? undefined
  : SchemaOf<Part> extends Schema
    ? z.output<SchemaOf<Part>>
    : undefined;
/** What a part's schema accepts: `undefined` when the endpoint has none. */
export type Accepted<Part> = [SchemaOf<Part>] extends [never]
  ? undefined
  : SchemaOf<Part> extends Schema
    ? z.input<SchemaOf<Part>>
    : undefined;

/** The parsed body of the endpoint's success answer (null when it has none). */
export type SuccessOf<E extends AnyEndpoint> = E['responses'][E['success']] extends infer S
  ? S extends Schema
    ? z.output<S>
    : null
  : never;
