import type { AriClient } from '@callflow/ari';
import { AriError } from '@callflow/ari';
import type { Logger } from '../log/Logger.ts';
import { ignoreGone } from './ignoreGone.ts';

interface NamedBridge {
  readonly id: string;
  readonly members: Set<string>;
  musicClass: string | null;
  musicPlaying: boolean;
}

/**
 * Conference bridges shared by name across calls and flows: created when the first caller arrives,
 * destroyed when the last one leaves, with music on hold while someone is alone. Changes to one
 * bridge are serialized so two callers arriving together cannot both create it or both destroy it.
 */
export class NamedBridges {
  readonly #bridges = new Map<string, NamedBridge>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ari: AriClient,
    private readonly logger: Logger,
  ) {}

  static bridgeId(name: string): string {
    return `callflow-bridge-${name}`;
  }

  enter(name: string, channelId: string, musicClass: string | null): Promise<string> {
    return this.#serialized(name, async () => {
      let bridge = this.#bridges.get(name);
      if (bridge === undefined) {
        const id = NamedBridges.bridgeId(name);
        try {
          await this.ari.bridges.create({ bridgeId: id, type: 'mixing', name });
        } catch (error) {
          // Left over from a previous run of the runtime: reuse it.
          if (!(error instanceof AriError && error.status === 409)) throw error;
        }
        bridge = { id, members: new Set(), musicClass, musicPlaying: false };
        this.#bridges.set(name, bridge);
      }
      try {
        await this.ari.bridges.addChannel(bridge.id, channelId);
      } catch (error) {
        if (bridge.members.size === 0) await this.#destroy(name, bridge);
        throw error;
      }
      bridge.members.add(channelId);
      await this.#updateMusic(bridge);
      return bridge.id;
    });
  }

  leave(name: string, channelId: string): Promise<void> {
    return this.#serialized(name, async () => {
      const bridge = this.#bridges.get(name);
      if (bridge === undefined || !bridge.members.delete(channelId)) return;
      await this.ari.bridges.removeChannel(bridge.id, channelId).catch(() => undefined);
      if (bridge.members.size === 0) await this.#destroy(name, bridge);
      else await this.#updateMusic(bridge);
    });
  }

  membersOf(name: string): readonly string[] {
    return [...(this.#bridges.get(name)?.members ?? [])];
  }

  async #destroy(name: string, bridge: NamedBridge): Promise<void> {
    this.#bridges.delete(name);
    await this.ari.bridges.destroy(bridge.id).catch(ignoreGone);
  }

  async #updateMusic(bridge: NamedBridge): Promise<void> {
    const wanted = bridge.members.size === 1 && bridge.musicClass !== null;
    if (wanted === bridge.musicPlaying) return;
    try {
      if (wanted) await this.ari.bridges.startMoh(bridge.id, bridge.musicClass ?? undefined);
      else await this.ari.bridges.stopMoh(bridge.id);
      bridge.musicPlaying = wanted;
    } catch (error) {
      this.logger.warn('could not change music on hold in a bridge', {
        bridge: bridge.id,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #serialized<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(name) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.#queues.set(name, settled);
    void settled.then(() => {
      if (this.#queues.get(name) === settled) this.#queues.delete(name);
    });
    return next;
  }
}
