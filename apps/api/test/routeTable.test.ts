import { endpointNames, endpoints } from '@callflow/contract';
import { describe, expect, it } from 'vitest';
import { apiRoutes, routeImplementations } from '../src/routes/apiRoutes.ts';

describe("the API's routes", () => {
  it('implement every endpoint of the contract table exactly once, and nothing else', () => {
    expect(Object.keys(routeImplementations).sort()).toEqual([...endpointNames].sort());
    for (const name of endpointNames) {
      expect(routeImplementations[name].endpoint, `${name} implements endpoints.${name}`).toBe(
        endpoints[name],
      );
    }
    // Each endpoint mounted once, in the table's order.
    expect(apiRoutes.map((route) => route.endpoint)).toEqual(endpointNames.map((name) => endpoints[name]));
    expect(new Set(apiRoutes.map((route) => route.endpoint)).size).toBe(apiRoutes.length);
  });

  it('are what their endpoint declares: method, path, access, schemas', () => {
    for (const route of apiRoutes) {
      const { handler: _, endpoint, ...declared } = route;
      expect(declared).toEqual({ ...endpoint });
    }
  });
});
