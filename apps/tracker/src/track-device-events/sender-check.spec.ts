import { generateKeyPairSync } from 'node:crypto';
import {
  AnyDeviceEvent,
  DEVICE_EVENT_TYPES,
  encodeStructured,
  PartnerScope,
  RecordSigner,
  RecordVerifier,
} from '@refurb/contracts';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { senderRefusal, Senders } from './sender-check';

const device = eventsFor('serial:acme:DEVICE-A');
const gatewayKey = generateKeyPairSync('ed25519');
const gateway = new RecordSigner(gatewayKey.privateKey);

const LYON_WORKSHOP: PartnerScope = {
  eventTypes: new Set(['device.diagnosed', 'device.refurbished']),
  workshopIds: new Set(['ws-lyon-01']),
  siteIds: new Set(),
  resaleChannels: new Set(),
};

const senders: Senders = {
  registered: new Map([['urn:acme:lyon', LYON_WORKSHOP]]),
  gateway: new RecordVerifier([gatewayKey.publicKey]),
};

const from = (source: string, event: AnyDeviceEvent): AnyDeviceEvent => ({ ...event, source });
const message = (record: object) => ({ value: Buffer.from(JSON.stringify(record)), headers: {} });
const refusalOf = (event: AnyDeviceEvent, record: object = event) =>
  senderRefusal(message(record), event, senders);

describe('senderRefusal', () => {
  it('accepts a registered source’s event inside its scope', () => {
    const event = from('urn:acme:lyon', device.diagnosed('d1', on(1), { workshopId: 'ws-lyon-01' }));
    expect(refusalOf(event)).toBeNull();
  });

  it('refuses a registered source naming a workshop outside its scope, with the scope’s reason', () => {
    const event = from('urn:acme:lyon', device.diagnosed('d1', on(1), { workshopId: 'ws-paris-01' }));
    expect(refusalOf(event)).toEqual({
      code: 'TRACKER.WORKSHOP_NOT_ALLOWED',
      message: 'source "urn:acme:lyon" may not name workshop "ws-paris-01"',
      field: 'data.workshopId',
    });
  });

  it('refuses a type outside the registered types', () => {
    const event = from('urn:acme:lyon', device.resold('s1', on(1), 'o1'));
    expect(refusalOf(event)?.code).toBe('TRACKER.EVENT_TYPE_NOT_ALLOWED');
  });

  it('refuses a source that is not registered (or was retired), whatever the event', () => {
    const event = from('urn:acme:paris', device.diagnosed('d1', on(1), { workshopId: 'ws-lyon-01' }));
    expect(refusalOf(event)).toMatchObject({ code: 'TRACKER.UNREGISTERED_SOURCE', field: 'source' });
  });

  it('accepts what the gateway relayed and signed, without looking at a registration', () => {
    const event = from('partners/rebox-fr', device.collected('c1', on(1)));
    expect(refusalOf(event, gateway.sign(event))).toBeNull();
  });

  it('refuses a relayed event unsigned, signed by another key, or changed after signing', () => {
    const event = from('partners/rebox-fr', device.collected('c1', on(1)));
    const stranger = new RecordSigner(generateKeyPairSync('ed25519').privateKey);
    const forged = { ...gateway.sign(event), data: { ...event.data, siteId: 'elsewhere' } };
    expect(refusalOf(event)).toMatchObject({ code: 'TRACKER.UNSIGNED_RELAYED_EVENT', field: 'signature' });
    expect(refusalOf(event, stranger.sign(event))?.code).toBe('TRACKER.UNKNOWN_SIGNING_KEY');
    expect(refusalOf(event, forged)?.code).toBe('TRACKER.BAD_SIGNATURE');
  });

  it('checks the signature over the record as received, not as the contract normalised it', () => {
    const event = from('partners/rebox-fr', device.collected('c1', on(1)));
    const parsed = JSON.parse(encodeStructured(event).toString()) as Record<string, unknown>;
    const asSent = { ...parsed, partitionkey: event.subject };
    expect(refusalOf(event, gateway.sign(asSent))).toBeNull();
  });

  it('lets no registration stand for the gateway: a registered scope covers nothing under partners/', () => {
    const unrestricted: PartnerScope = {
      eventTypes: new Set(DEVICE_EVENT_TYPES),
      workshopIds: '*',
      siteIds: '*',
      resaleChannels: '*',
    };
    const event = from('partners/rebox-fr', device.collected('c1', on(1)));
    const withRegistration = { ...senders, registered: new Map([['partners/rebox-fr', unrestricted]]) };
    expect(senderRefusal(message(event), event, withRegistration)?.code).toBe(
      'TRACKER.UNSIGNED_RELAYED_EVENT',
    );
  });
});
