import { Partner } from './partner';
import { formatPartner, formatPartners } from './partners-cli-output';

const at = new Date('2026-01-01T00:00:00Z');

function partner(overrides: Partial<Partner>): Partner {
  return {
    id: 'atelier-lyon',
    displayName: 'Atelier Lyon',
    allowedEventTypes: ['device.repaired', 'device.resold'],
    allowedWorkshopIds: ['recycler-01', 'ws-lyon-01'],
    allowedSiteIds: [],
    allowedResaleChannels: ['*'],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe('partners CLI output', () => {
  it('shows the types, then each scope the types name, any value as * (any)', () => {
    expect(formatPartner(partner({}))).toBe(
      [
        'partner atelier-lyon "Atelier Lyon" may send: device.repaired, device.resold',
        '  may name workshop ids: recycler-01, ws-lyon-01',
        '  may name resale channels: * (any)',
      ].join('\n'),
    );
  });

  it('lists partners one after the other, and says when there is none', () => {
    const returns = partner({
      id: 'returns',
      displayName: 'Returns',
      allowedEventTypes: ['device.returned'],
      allowedWorkshopIds: [],
      allowedResaleChannels: [],
    });
    expect(formatPartners([returns])).toBe('partner returns "Returns" may send: device.returned');
    expect(formatPartners([])).toBe('no partners');
  });
});
