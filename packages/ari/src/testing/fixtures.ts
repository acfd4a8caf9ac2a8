/** ARI JSON shaped like Asterisk 22 sends it, for tests. */
export function channelJson(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `PJSIP/sipp-${id}`,
    state: 'Ring',
    protocol_id: 'abc@127.0.0.1',
    caller: { name: 'Alice', number: '1001' },
    connected: { name: '', number: '' },
    accountcode: '',
    dialplan: { context: 'callflow', exten: '200', priority: 2, app_name: 'Stasis', app_data: 'cf-200' },
    creationtime: '2025-01-01T10:00:00.000+0000',
    language: 'en',
    ...overrides,
  };
}

export function bridgeJson(id: string, channels: string[] = []): Record<string, unknown> {
  return {
    id,
    technology: 'simple_bridge',
    bridge_type: 'mixing',
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: 'call',
    channels,
    creationtime: '2025-01-01T10:00:00.000+0000',
    video_mode: 'talker',
  };
}

export function playbackJson(id: string, state = 'playing'): Record<string, unknown> {
  return {
    id,
    media_uri: 'sound:hello-world',
    target_uri: 'channel:c1',
    language: 'en',
    state,
  };
}
