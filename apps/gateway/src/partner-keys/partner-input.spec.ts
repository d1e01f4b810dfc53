import { DEVICE_EVENT_TYPES } from '@refurb/contracts';
import { checkPartnerInput } from './partner-input';
import { PartnerKeysErrorCode, PartnerKeysException } from './partner-keys.exception';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as PartnerKeysException).code;
  }
}

describe('checkPartnerInput', () => {
  it('normalises the name, orders and de-duplicates the types and the scope values', () => {
    expect(
      checkPartnerInput({
        id: 'atelier-lyon',
        displayName: '  Atelier Lyon ',
        allowedEventTypes: ['device.repaired', 'device.diagnosed', 'device.repaired'],
        allowedWorkshopIds: ['ws-lyon-01 ', 'recycler-d3e-rhone-01', 'ws-lyon-01', 'Cafe\u0301-01'],
      }),
    ).toEqual({
      id: 'atelier-lyon',
      displayName: 'Atelier Lyon',
      allowedEventTypes: ['device.diagnosed', 'device.repaired'],
      allowedWorkshopIds: ['Caf\u00e9-01', 'recycler-d3e-rhone-01', 'ws-lyon-01'],
      allowedSiteIds: [],
      allowedResaleChannels: [],
    });
  });

  it.each(['Rebox-FR', 'rebox_fr', '-rebox', 'rebox-', 'rebox--fr', '', 'r'.repeat(65), 'rebox fr'])(
    'refuses the partner id %j',
    (id) => {
      expect(
        codeOf(() => checkPartnerInput({ id, displayName: 'x', allowedEventTypes: ['device.returned'] })),
      ).toBe(PartnerKeysErrorCode.INVALID_PARTNER_ID);
    },
  );

  it('refuses unknown or no event types, and a blank name', () => {
    const input = {
      id: 'rebox-fr',
      displayName: 'REBOX',
      allowedEventTypes: ['device.collected'],
      allowedSiteIds: ['*'],
    };
    expect(codeOf(() => checkPartnerInput({ ...input, allowedEventTypes: ['device.sold'] }))).toBe(
      PartnerKeysErrorCode.INVALID_EVENT_TYPES,
    );
    expect(codeOf(() => checkPartnerInput({ ...input, allowedEventTypes: [] }))).toBe(
      PartnerKeysErrorCode.INVALID_EVENT_TYPES,
    );
    expect(codeOf(() => checkPartnerInput({ ...input, displayName: '  ' }))).toBe(
      PartnerKeysErrorCode.INVALID_DISPLAY_NAME,
    );
  });

  describe('scopes', () => {
    const every = {
      id: 'all-types',
      displayName: 'Everything',
      allowedEventTypes: DEVICE_EVENT_TYPES,
      allowedWorkshopIds: ['*'],
      allowedSiteIds: ['*'],
      allowedResaleChannels: ['*'],
    };

    it("keeps '*' alone as any value", () => {
      expect(checkPartnerInput(every)).toMatchObject({
        allowedWorkshopIds: ['*'],
        allowedSiteIds: ['*'],
        allowedResaleChannels: ['*'],
      });
    });

    it.each([
      [
        'allowedWorkshopIds',
        '--workshops',
        'device.diagnosed, device.repaired, device.refurbished, device.recycled',
      ],
      ['allowedSiteIds', '--sites', 'device.collected'],
      ['allowedResaleChannels', '--channels', 'device.resold'],
    ] as const)(
      'requires %s of a partner whose types name it, saying how to give it',
      (list, option, types) => {
        const withoutList = { ...every, [list]: undefined };
        expect(() => checkPartnerInput(withoutList)).toThrow(`a partner sending ${types} must state the`);
        expect(() => checkPartnerInput(withoutList)).toThrow(`${option} '*' for any`);
        expect(codeOf(() => checkPartnerInput(withoutList))).toBe(PartnerKeysErrorCode.INVALID_SCOPE);
      },
    );

    it('needs no scope for a partner sending only returns, and refuses one that would never apply', () => {
      const returns = { id: 'returns', displayName: 'Returns desk', allowedEventTypes: ['device.returned'] };
      expect(checkPartnerInput(returns)).toMatchObject({
        allowedWorkshopIds: [],
        allowedSiteIds: [],
        allowedResaleChannels: [],
      });
      expect(() => checkPartnerInput({ ...returns, allowedSiteIds: ['site-1'] })).toThrow(
        'collection site ids (--sites) apply only to a partner sending device.collected',
      );
    });

    it.each([
      [[], 'must list at least one value'],
      [['*', 'ws-lyon-01'], "'*' means any and cannot be listed with other values"],
      [['  '], '"" must not be blank'],
      [['ws\u0000lyon'], 'must not contain control characters'],
      [['w'.repeat(129)], 'must be at most 128 characters'],
    ])('refuses the workshop list %j', (values, message) => {
      const input = { ...every, allowedWorkshopIds: values };
      expect(() => checkPartnerInput(input)).toThrow(message);
      expect(codeOf(() => checkPartnerInput(input))).toBe(PartnerKeysErrorCode.INVALID_SCOPE);
    });
  });
});
