import { generateKeyPairSync } from 'node:crypto';
import { AnyDeviceEvent, DEVICE_EVENT_TYPES, encodeStructured, RecordVerifier } from '@refurb/contracts';
import { ConsumedMessage } from '@refurb/kafka';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { admitMessages } from './event-admission';
import { Senders } from './sender-check';

const x = eventsFor('serial:acme:DEVICE-X');
const y = eventsFor('serial:acme:DEVICE-Y');
const NOW = new Date(on(30));

const unrestricted = {
  eventTypes: new Set(DEVICE_EVENT_TYPES),
  workshopIds: '*',
  siteIds: '*',
  resaleChannels: '*',
} as const;
const senders: Senders = {
  registered: new Map([
    ['urn:a', unrestricted],
    ['urn:b', unrestricted],
    ['urn:c', unrestricted],
  ]),
  gateway: new RecordVerifier([generateKeyPairSync('ed25519').publicKey]),
};

const from = (source: string, event: AnyDeviceEvent): AnyDeviceEvent => ({ ...event, source });
let offset = 0;
function message(event: AnyDeviceEvent): ConsumedMessage {
  return {
    topic: 'devices.collection.v1',
    partition: 0,
    offset: String(offset++),
    key: Buffer.from(event.subject),
    value: encodeStructured(event),
    headers: {},
    timestamp: '0',
  };
}

const admit = (events: AnyDeviceEvent[]) => admitMessages(events.map(message), NOW, senders);
const codesOf = (admission: ReturnType<typeof admit>) => admission.refused.map(({ reason }) => reason.code);

describe('admitMessages within one batch', () => {
  it('keeps an exact repeat once and refuses the same (source, id) with other content', () => {
    const first = from('urn:a', x.collected('c1', on(1)));
    const admission = admit([first, first, from('urn:a', y.collected('c1', on(1)))]);
    expect(admission.admitted.map((a) => a.event)).toEqual([first]);
    expect(codesOf(admission)).toEqual(['EVENT.ID_REUSED']);
  });

  it('admits another source’s id on another device, refuses it on the same device', () => {
    const admission = admit([
      from('urn:a', x.collected('c1', on(1))),
      from('urn:b', y.collected('c1', on(1))),
      from('urn:c', x.diagnosed('c1', on(2))),
    ]);
    expect(admission.admitted.map((a) => [a.event.source, a.event.subject])).toEqual([
      ['urn:a', 'serial:acme:DEVICE-X'],
      ['urn:b', 'serial:acme:DEVICE-Y'],
    ]);
    expect(codesOf(admission)).toEqual(['TRACKER.EVENT_ID_TAKEN_ON_DEVICE']);
  });

  it('checks the sender before the ids: a refused sender takes no id', () => {
    const admission = admit([
      from('urn:stranger', x.collected('c1', on(1))),
      from('urn:a', x.collected('c1', on(1))),
    ]);
    expect(codesOf(admission)).toEqual(['TRACKER.UNREGISTERED_SOURCE']);
    expect(admission.admitted.map((a) => a.event.source)).toEqual(['urn:a']);
  });
});
