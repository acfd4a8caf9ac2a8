import { describe, expect, it } from 'vitest';
import { endpointNames, endpoints } from '../src/endpoints/endpoints.ts';
import { endpointPath, endpointUrl, queryString } from '../src/endpoints/endpointUrl.ts';

describe('the endpoint table', () => {
  it('declares each method and path once', () => {
    const routes = endpointNames.map((name) => `${endpoints[name].method} ${endpoints[name].path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it("names a documented answer as each endpoint's success", () => {
    for (const name of endpointNames) {
      const { responses, success } = endpoints[name];
      expect(Object.keys(responses), name).toContain(String(success));
      expect(success, name).toBeLessThan(300);
    }
  });
});

describe('endpoint addresses', () => {
  it('fill path parameters URI-encoded, one segment each', () => {
    expect(endpointPath(endpoints.recordingFile, { name: 'callflow/a b' })).toBe(
      '/recordings/callflow%2Fa%20b/file',
    );
    expect(endpointPath(endpoints.getVersion, { flowId: 'f?1', number: 3 })).toBe('/flows/f%3F1/versions/3');
    expect(() => endpointPath(endpoints.getFlow, {})).toThrow(/flowId/);
  });

  it('leave out empty query values and encode the others, in the order given', () => {
    expect(queryString({ b: 'x y', a: 2, c: undefined, d: null, e: '', f: false })).toBe(
      '?b=x%20y&a=2&f=false',
    );
    expect(queryString({})).toBe('');
    expect(endpointUrl(endpoints.exportFlow, { params: { flowId: 'f1' }, query: { version: 2 } })).toBe(
      '/api/flows/f1/export?version=2',
    );
    expect(endpointUrl(endpoints.callStream, { query: {} })).toBe('/api/calls/stream');
  });
});
