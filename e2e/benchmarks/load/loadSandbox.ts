// The load benchmark's and the soak's own Asterisk instance, and where they write what they keep.
import { join } from 'node:path';
import { z } from 'zod';
import { SandboxInstance } from '../../lib/SandboxInstance.ts';
import { REPO_ROOT } from '../../lib/sandbox.ts';

export const LOAD_ARTIFACTS = join(REPO_ROOT, 'e2e/.artifacts/bench-load');

/**
 * Defaults stay clear of the default instance (8088/5060, RTP 10000–10999), the e2e extra instances
 * (8180+/5180+, RTP 12000–15999) and sipp's ports (16000+, 29100+, 30000+). 300 calls need 600 RTP
 * ports (RTP + RTCP each).
 */
const sandboxSettings = z
  .object({
    BENCH_SANDBOX_INSTANCE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .default('load'),
    BENCH_SANDBOX_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8096),
    BENCH_SANDBOX_SIP_PORT: z.coerce.number().int().min(1).max(65535).default(5096),
    BENCH_SANDBOX_RTP_START: z.coerce.number().int().min(1024).max(65000).default(20000),
    BENCH_SANDBOX_RTP_END: z.coerce.number().int().min(1024).max(65535).default(21999),
  })
  .parse(process.env);

/** Starts the instance (or takes the one already running, which stop() then leaves running). */
export function startLoadSandbox(): Promise<SandboxInstance> {
  return SandboxInstance.atPorts(sandboxSettings.BENCH_SANDBOX_INSTANCE, {
    httpPort: sandboxSettings.BENCH_SANDBOX_HTTP_PORT,
    sipPort: sandboxSettings.BENCH_SANDBOX_SIP_PORT,
    rtpStart: sandboxSettings.BENCH_SANDBOX_RTP_START,
    rtpEnd: sandboxSettings.BENCH_SANDBOX_RTP_END,
  });
}
