// Local SIP and media ports for sipp callers, free and not handed out twice by this process.

import { udpPortFree } from '../ports.ts';

const reservedPorts = new Set<number>();
let portCursor = 0;

// Different vitest workers (and processes) start at different offsets; ports are also
// probed before use, so an overlap only costs a retry.
const poolId = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 0) || 0;
const SIP_PORT_BASE = 16000;
const SIP_PORT_COUNT = 2000;
const MEDIA_PORT_BASE = 30000;
const MEDIA_PORT_STEP = 4;

export interface PortPair {
  sipPort: number;
  mediaPort: number;
  release(): void;
}

/**
 * Allocates a free local SIP port and a free block of 4 media ports (RTP/RTCP audio and
 * video as sipp uses them). Call `release()` when the sipp process has exited.
 */
export async function allocatePorts(): Promise<PortPair> {
  for (let attempt = 0; attempt < SIP_PORT_COUNT; attempt++) {
    const index = (poolId * 97 + portCursor++) % SIP_PORT_COUNT;
    const sipPort = SIP_PORT_BASE + index;
    const mediaPort = MEDIA_PORT_BASE + index * MEDIA_PORT_STEP;
    const ports = [sipPort, mediaPort, mediaPort + 1, mediaPort + 2, mediaPort + 3];
    if (ports.some((p) => reservedPorts.has(p))) continue;
    const free = await Promise.all(ports.map(udpPortFree));
    if (!free.every(Boolean)) continue;
    for (const p of ports) reservedPorts.add(p);
    return {
      sipPort,
      mediaPort,
      release: () => {
        for (const p of ports) reservedPorts.delete(p);
      },
    };
  }
  throw new Error('no free UDP ports for sipp');
}
