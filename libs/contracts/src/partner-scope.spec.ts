import { AnyDeviceEvent, DEVICE_EVENT_TYPES, DeviceEventType } from './device-event';
import { PartnerScope, scopeValues, scopeViolation } from './partner-scope';
import { FIXTURE_NOW, rawDeviceEvents } from './testing/raw-device-events.fixture';
import { validateDeviceEvent } from './validate-device-event';

function fixtureEvent(type: DeviceEventType): AnyDeviceEvent {
  const validated = validateDeviceEvent(rawDeviceEvents()[type], { now: FIXTURE_NOW });
  if (!validated.ok) throw new Error(`fixture ${type} is invalid: ${validated.rejection.code}`);
  return validated.event;
}

const UNRESTRICTED: PartnerScope = {
  eventTypes: new Set(DEVICE_EVENT_TYPES),
  workshopIds: '*',
  siteIds: '*',
  resaleChannels: '*',
};

const NOTHING_NAMED: PartnerScope = {
  ...UNRESTRICTED,
  workshopIds: new Set(),
  siteIds: new Set(),
  resaleChannels: new Set(),
};

describe('scopeViolation', () => {
  it('lets an unrestricted partner send every fixture event', () => {
    for (const type of DEVICE_EVENT_TYPES)
      expect(scopeViolation(fixtureEvent(type), UNRESTRICTED, 'p')).toBeNull();
  });

  it('refuses a type outside the partner’s types before looking at what the event names', () => {
    const scope = { ...NOTHING_NAMED, eventTypes: new Set<DeviceEventType>(['device.collected']) };
    expect(scopeViolation(fixtureEvent('device.refurbished'), scope, 'partner rebox-fr')).toEqual({
      reason: 'EVENT_TYPE_NOT_ALLOWED',
      field: 'type',
      value: 'device.refurbished',
      message: 'partner rebox-fr may not send device.refurbished events',
    });
  });

  it.each([
    ['device.collected', 'SITE_NOT_ALLOWED', 'data.siteId'],
    ['device.diagnosed', 'WORKSHOP_NOT_ALLOWED', 'data.workshopId'],
    ['device.repaired', 'WORKSHOP_NOT_ALLOWED', 'data.workshopId'],
    ['device.refurbished', 'WORKSHOP_NOT_ALLOWED', 'data.workshopId'],
    ['device.recycled', 'WORKSHOP_NOT_ALLOWED', 'data.recyclerId'],
    ['device.resold', 'RESALE_CHANNEL_NOT_ALLOWED', 'data.channel'],
  ] as const)('refuses %s naming a %s value outside the scope (%s)', (type, reason, field) => {
    const event = fixtureEvent(type);
    const violation = scopeViolation(event, NOTHING_NAMED, 'p');
    expect(violation).toMatchObject({ reason, field });
    const value = violation?.value ?? '';
    expect(value).not.toBe('');
    const allowed: PartnerScope = {
      ...NOTHING_NAMED,
      workshopIds: new Set([value]),
      siteIds: new Set([value]),
      resaleChannels: new Set([value]),
    };
    expect(scopeViolation(event, allowed, 'p')).toBeNull();
  });

  it('leaves a return to the types check: it names only an order', () => {
    expect(scopeViolation(fixtureEvent('device.returned'), NOTHING_NAMED, 'p')).toBeNull();
  });

  it('compares values exactly as the contract normalised them', () => {
    const event = fixtureEvent('device.diagnosed');
    const workshopId = event.type === 'device.diagnosed' ? event.data.workshopId : '';
    const scope = { ...NOTHING_NAMED, workshopIds: new Set([workshopId.toLowerCase() + 'x']) };
    expect(scopeViolation(event, scope, 'p')?.reason).toBe('WORKSHOP_NOT_ALLOWED');
  });
});

describe('scopeValues', () => {
  it('reads a lone "*" as any value and anything else as a list', () => {
    expect(scopeValues(['*'])).toBe('*');
    expect(scopeValues(['a', 'b'])).toEqual(new Set(['a', 'b']));
    expect(scopeValues([])).toEqual(new Set());
  });
});
