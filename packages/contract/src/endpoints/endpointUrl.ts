import type { Accepted, AnyEndpoint, SchemaOf } from './Endpoint.ts';

/** Where the API is mounted on its origin; the browser editor is served everywhere else. */
export const apiPrefix = '/api';

/** A part of a request: required when its schema requires something, absent when there is no schema. */
type Part<Name extends string, S> = [SchemaOf<S>] extends [never]
  ? { readonly [K in Name]?: undefined }
  : undefined extends Accepted<S>
    ? { readonly [K in Name]?: Accepted<S> }
    : object extends Accepted<S>
      ? { readonly [K in Name]?: Accepted<S> }
      : { readonly [K in Name]: Accepted<S> };

/** What a client gives to call an endpoint: path parameters, query and body, as its schemas accept them. */
export type EndpointInput<E extends AnyEndpoint> = Part<'params', E['params']> &
  Part<'query', E['query']> &
  Part<'body', E['body']>;

/**
 * `?a=1&b=2` of the values that are given (`null`, `undefined` and `''` are left out), in the order
 * listed so that equal queries give equal URLs; `''` when none is. Values are URI-encoded.
 */
export function queryString(values: unknown): string {
  const pairs = Object.entries(typeof values === 'object' && values !== null ? values : {}).flatMap(
    ([key, value]: [string, unknown]) =>
      value === undefined || value === null || value === ''
        ? []
        : [`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`],
  );
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/**
 * The endpoint's path with its `:name` parameters filled in, each URI-encoded as one path segment
 * (`callflow/abc` → `callflow%2Fabc`). A parameter the path names but `params` lacks is a bug: it throws.
 */
export function endpointPath(endpoint: Pick<AnyEndpoint, 'path'>, params: unknown): string {
  const values: Readonly<Record<string, unknown>> =
    typeof params === 'object' && params !== null ? { ...params } : {};
  return endpoint.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${endpoint.path}: no value for the path parameter ${name}`);
    }
    return encodeURIComponent(String(value));
  });
}

/** The address of a request to the endpoint on the API's origin, e.g. `/api/flows/f1/export?version=2`. */
export function endpointUrl<E extends AnyEndpoint>(
  endpoint: E,
  input: Pick<EndpointInput<E>, 'params' | 'query'>,
): string {
  return `${apiPrefix}${endpointPath(endpoint, input.params)}${queryString(input.query)}`;
}
