import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { readRuntimeEvents, readRuntimeStatus } from '../../services/runtime/runtimeReports.ts';

export const runtimeRoutes = {
  runtimeStatus: implement(endpoints.runtimeStatus).with(async ({ services }) => ({
    status: 200,
    body: await readRuntimeStatus(services),
  })),

  runtimeEvents: implement(endpoints.runtimeEvents).with(async ({ query, services }) => ({
    status: 200,
    body: await readRuntimeEvents(services, query),
  })),
};
