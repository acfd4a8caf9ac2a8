import { type AriEvent, parseAriEvent } from '@callflow/ari';

/** An ARI event the runtime acts on, from JSON as Asterisk sends it to app `application`. */
export function testAriEvent(json: Record<string, unknown>, application = 'callflow-6001'): AriEvent {
  const parsed = parseAriEvent({ application, timestamp: new Date().toISOString(), ...json });
  if (!parsed.ok || !parsed.known) throw new Error('bad test event');
  return parsed.event;
}
