import { AnyDeviceEvent } from '@refurb/contracts';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { StoredIdentities } from './event-identity';

const a = eventsFor('serial:acme:DEVICE-A');
const b = eventsFor('serial:acme:DEVICE-B');
const from = (source: string, event: AnyDeviceEvent): AnyDeviceEvent => ({ ...event, source });

// Partner A stored its collection "c1" of device A.
const stored = new StoredIdentities([
  { source: 'urn:partner-a', eventId: 'c1', deviceId: 'serial:acme:DEVICE-A', hash: 'hash-of-c1' },
]);

describe('StoredIdentities.verdict', () => {
  it('acknowledges the same source, id and content as a duplicate', () => {
    expect(stored.verdict(from('urn:partner-a', a.collected('c1', on(1))), 'hash-of-c1')).toEqual({
      kind: 'duplicate',
    });
  });

  it('refuses the same source and id with other content as a reused id', () => {
    const verdict = stored.verdict(from('urn:partner-a', b.collected('c1', on(1))), 'other');
    expect(verdict).toMatchObject({ kind: 'refused', reason: { code: 'EVENT.ID_REUSED', field: 'id' } });
  });

  it('takes another source’s id on another device for a new event', () => {
    expect(stored.verdict(from('urn:partner-b', b.collected('c1', on(1))), 'x')).toEqual({ kind: 'new' });
  });

  it('refuses another source’s event reusing the id on the same device, naming who holds it', () => {
    const verdict = stored.verdict(from('urn:partner-b', a.diagnosed('c1', on(2))), 'x');
    expect(verdict).toMatchObject({
      kind: 'refused',
      reason: { code: 'TRACKER.EVENT_ID_TAKEN_ON_DEVICE', field: 'id' },
    });
    expect(verdict.kind === 'refused' && verdict.reason.message).toContain('"urn:partner-a"');
  });

  it('takes an id nothing holds for a new event', () => {
    expect(stored.verdict(from('urn:partner-a', a.collected('c2', on(1))), 'x')).toEqual({ kind: 'new' });
  });
});
