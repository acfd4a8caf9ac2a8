// An extra Asterisk sandbox instance (scripts/asterisk-sandbox.sh with SANDBOX_INSTANCE) that a test
// starts, kills and stops itself, on ports of its own, so that killing it never disturbs the instance
// the rest of the suite runs against.

import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { type AriConfig, ariStatus, parseEnvFile, REPO_ROOT, SANDBOX_SCRIPT } from './sandbox.ts';

// Slots: ARI on 8180+i, SIP on 5180+i, RTP on 12000+200i..+199. Outside the default instance's ports
// (8088, 5060, RTP 10000-10999), the dial-test callees (5091-5093) and sipp's own ports (16000+, 29100+,
// 30000+).
const SLOTS = 20;
const HTTP_PORT_BASE = 8180;
const SIP_PORT_BASE = 5180;
const RTP_PORT_BASE = 12_000;
const RTP_PORTS_PER_SLOT = 200;

function tcpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process state letter from /proc/<pid>/stat (R, S, Z...), or undefined once it is gone. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

export class SandboxInstance {
  readonly name: string;
  readonly httpPort: number;
  readonly sipPort: number;
  readonly rtpStart: number;
  #ari: AriConfig | undefined;
  /** Set once start() succeeded, so stop() knows there is something to stop. */
  #started = false;

  private constructor(slot: number) {
    this.httpPort = HTTP_PORT_BASE + slot;
    this.sipPort = SIP_PORT_BASE + slot;
    this.rtpStart = RTP_PORT_BASE + slot * RTP_PORTS_PER_SLOT;
    // Named after its port: two runs on this machine never share a name, and names do not pile up.
    this.name = `e2e-${this.httpPort}`;
  }

  /** Starts a new instance on the first slot whose ports are free. */
  static async launch(): Promise<SandboxInstance> {
    const failures: string[] = [];
    for (let slot = 0; slot < SLOTS; slot++) {
      const instance = new SandboxInstance(slot);
      if (!(await tcpPortFree(instance.httpPort)) || !(await udpPortFree(instance.sipPort))) continue;
      try {
        await instance.start();
        return instance;
      } catch (error) {
        // Another run may have taken the same free slot a moment earlier: try the next one.
        failures.push(error instanceof Error ? error.message : String(error));
        await instance.stop().catch(() => undefined);
        if (failures.length >= 3) break;
      }
    }
    throw new Error(`could not start an extra Asterisk instance:\n${failures.join('\n') || 'no free slot'}`);
  }

  /** How to reach this instance's ARI (after start). */
  get ari(): AriConfig {
    if (this.#ari === undefined) throw new Error(`sandbox instance ${this.name} was never started`);
    return this.#ari;
  }

  /** Where sipp sends INVITEs for this instance. */
  get sipTarget(): string {
    return `127.0.0.1:${this.sipPort}`;
  }

  get #envFile(): string {
    return `${REPO_ROOT}.cache/sandbox-${this.name}.env`;
  }

  get #pidFile(): string {
    return `${REPO_ROOT}.cache/asterisk-${this.name}.pid`;
  }

  /**
   * Starts (or restarts after kill()) Asterisk and waits until ARI answers. `ariPassword` replaces the
   * instance's ARI password (as an administrator editing ari.conf would); it is kept for later starts.
   */
  async start(options: { ariPassword?: string } = {}): Promise<AriConfig> {
    await this.#script('start', options.ariPassword);
    this.#started = true;
    const file = parseEnvFile(readFileSync(this.#envFile, 'utf8'));
    const password = file.ARI_PASSWORD;
    if (password === undefined) throw new Error(`${this.#envFile} has no ARI_PASSWORD`);
    this.#ari = {
      ariUrl: `http://127.0.0.1:${this.httpPort}`,
      username: file.ARI_USERNAME ?? 'callflow',
      password,
    };
    const status = await ariStatus(this.#ari);
    if (status !== 200) throw new Error(`sandbox instance ${this.name} started but ARI answers ${status}`);
    return this.#ari;
  }

  /** Stops Asterisk the normal way (also cleans up after kill()). */
  async stop(): Promise<void> {
    if (!this.#started) return;
    await this.#script('stop');
    this.#started = false;
  }

  /** kill -9 Asterisk: no shutdown, sockets dropped by the kernel; resolves once it is dead. */
  async kill(): Promise<void> {
    const pid = Number(existsSync(this.#pidFile) ? readFileSync(this.#pidFile, 'utf8').trim() : Number.NaN);
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`sandbox instance ${this.name} has no pid file`);
    // Never signal a process that is not this instance's Asterisk (a reused pid).
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!cmdline.includes(`/etc/callflow-asterisk-${this.name}/asterisk.conf`))
      throw new Error(`pid ${pid} is not the Asterisk of instance ${this.name}: ${cmdline.join(' ')}`);
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    // A zombie (nobody reaped it yet) holds no sockets any more: dead enough.
    while (processState(pid) !== undefined && processState(pid) !== 'Z') {
      if (Date.now() > deadline) throw new Error(`Asterisk pid ${pid} did not die after SIGKILL`);
      await sleep(20);
    }
  }

  #script(command: 'start' | 'stop', ariPassword?: string): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SANDBOX_INSTANCE: this.name,
      SANDBOX_HTTP_PORT: String(this.httpPort),
      SANDBOX_SIP_PORT: String(this.sipPort),
      SANDBOX_RTP_START: String(this.rtpStart),
      SANDBOX_RTP_END: String(this.rtpStart + RTP_PORTS_PER_SLOT - 1),
    };
    // The suite's own credentials may be in the environment; this instance keeps its own.
    delete env.ARI_PASSWORD;
    delete env.SIP_PHONE_PASSWORD;
    // The sandbox script takes a password from the environment over its env file, and rewrites the file.
    if (ariPassword !== undefined) env.ARI_PASSWORD = ariPassword;
    return new Promise((resolve, reject) => {
      execFile('bash', [SANDBOX_SCRIPT, command], { env, timeout: 300_000 }, (error, _stdout, stderr) => {
        if (error) {
          const detail = stderr.trim().split('\n').slice(-5).join('\n');
          reject(
            new Error(`asterisk-sandbox.sh ${command} (${this.name}) failed: ${detail || error.message}`),
          );
        } else resolve();
      });
    });
  }
}
