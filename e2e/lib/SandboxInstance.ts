// An extra Asterisk sandbox instance (scripts/asterisk-sandbox.sh with SANDBOX_INSTANCE) on ports of
// its own: one a test starts, kills and stops itself (`launch`), so that killing it never disturbs the
// instance the rest of the suite runs against, or a benchmark's on fixed ports (`atPorts`).

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tcpPortFree, udpPortFree } from './ports.ts';
import { processState } from './procStats.ts';
import { type AriConfig, ariStatus, parseEnvFile, REPO_ROOT, SANDBOX_SCRIPT } from './sandbox.ts';

// Slots: ARI on 8180+i, SIP on 5180+i, RTP on 12000+200i..+199. Outside the default instance's ports
// (8088, 5060, RTP 10000-10999), the dial-test callees (5091-5093) and sipp's own ports (16000+, 29100+,
// 30000+).
const SLOTS = 20;
const HTTP_PORT_BASE = 8180;
const SIP_PORT_BASE = 5180;
const RTP_PORT_BASE = 12_000;
const RTP_PORTS_PER_SLOT = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where an instance listens: ARI (HTTP), SIP, and the RTP range (RTP + RTCP: two ports a call). */
export interface SandboxPorts {
  httpPort: number;
  sipPort: number;
  rtpStart: number;
  rtpEnd: number;
}

export class SandboxInstance {
  #ari: AriConfig | undefined;
  /** Set once start() succeeded, so stop() knows there is something to stop. */
  #started = false;

  private constructor(
    readonly name: string,
    readonly ports: SandboxPorts,
  ) {}

  get httpPort(): number {
    return this.ports.httpPort;
  }

  get sipPort(): number {
    return this.ports.sipPort;
  }

  static #inSlot(slot: number): SandboxInstance {
    const httpPort = HTTP_PORT_BASE + slot;
    const rtpStart = RTP_PORT_BASE + slot * RTP_PORTS_PER_SLOT;
    // Named after its port: two runs on this machine never share a name, and names do not pile up.
    return new SandboxInstance(`e2e-${httpPort}`, {
      httpPort,
      sipPort: SIP_PORT_BASE + slot,
      rtpStart,
      rtpEnd: rtpStart + RTP_PORTS_PER_SLOT - 1,
    });
  }

  /**
   * The instance `name` on fixed ports, started unless it is already running. One found running is
   * used as it is and left running by stop(); one started here is stopped by it.
   */
  static async atPorts(name: string, ports: SandboxPorts): Promise<SandboxInstance> {
    const instance = new SandboxInstance(name, ports);
    const running = (await instance.#script('status').catch(() => 'not running')).includes('running (pid');
    await instance.start();
    instance.#started = !running;
    return instance;
  }

  /** Starts a new instance on the first slot whose ports are free. */
  static async launch(): Promise<SandboxInstance> {
    const failures: string[] = [];
    for (let slot = 0; slot < SLOTS; slot++) {
      const instance = SandboxInstance.#inSlot(slot);
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

  /** Asterisk's pid (the chroot execs it, so the pid file names Asterisk itself). */
  get pid(): number {
    const pid = Number(existsSync(this.#pidFile) ? readFileSync(this.#pidFile, 'utf8').trim() : Number.NaN);
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`sandbox instance ${this.name} has no pid file`);
    return pid;
  }

  /** The first line of `core show version`. */
  async version(): Promise<string> {
    return (await this.#script('cli', { cliCommand: 'core show version' })).trim().split('\n')[0] ?? '?';
  }

  /**
   * Starts (or restarts after kill()) Asterisk and waits until ARI answers. `ariPassword` replaces the
   * instance's ARI password (as an administrator editing ari.conf would); it is kept for later starts.
   */
  async start(options: { ariPassword?: string } = {}): Promise<AriConfig> {
    await this.#script('start', { ariPassword: options.ariPassword });
    this.#started = true;
    const file = parseEnvFile(readFileSync(this.#envFile, 'utf8'));
    const password = file.ARI_PASSWORD;
    if (password === undefined) throw new Error(`${this.#envFile} has no ARI_PASSWORD`);
    this.#ari = {
      ariUrl: `http://127.0.0.1:${this.ports.httpPort}`,
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
    const pid = this.pid;
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

  /** Runs the sandbox script for this instance; resolves with its output. */
  #script(
    command: 'start' | 'stop' | 'status' | 'cli',
    options: { ariPassword?: string | undefined; cliCommand?: string } = {},
  ): Promise<string> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SANDBOX_INSTANCE: this.name,
      SANDBOX_HTTP_PORT: String(this.ports.httpPort),
      SANDBOX_SIP_PORT: String(this.ports.sipPort),
      SANDBOX_RTP_START: String(this.ports.rtpStart),
      SANDBOX_RTP_END: String(this.ports.rtpEnd),
    };
    // The suite's own credentials may be in the environment; this instance keeps its own.
    delete env.ARI_PASSWORD;
    delete env.SIP_PHONE_PASSWORD;
    // The sandbox script takes a password from the environment over its env file, and rewrites the file.
    if (options.ariPassword !== undefined) env.ARI_PASSWORD = options.ariPassword;
    const scriptArgs = options.cliCommand === undefined ? [command] : [command, options.cliCommand];
    return new Promise((resolve, reject) => {
      execFile(
        'bash',
        [SANDBOX_SCRIPT, ...scriptArgs],
        { env, timeout: 300_000 },
        (error, stdout, stderr) => {
          if (error) {
            const detail = stderr.trim().split('\n').slice(-5).join('\n');
            reject(
              new Error(`asterisk-sandbox.sh ${command} (${this.name}) failed: ${detail || error.message}`),
            );
          } else resolve(stdout);
        },
      );
    });
  }
}
