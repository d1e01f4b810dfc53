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
  it('normalises the name and orders and de-duplicates the types', () => {
    expect(
      checkPartnerInput({
        id: 'atelier-lyon',
        displayName: '  Atelier Lyon ',
        allowedEventTypes: ['device.repaired', 'device.diagnosed', 'device.repaired'],
      }),
    ).toEqual({
      id: 'atelier-lyon',
      displayName: 'Atelier Lyon',
      allowedEventTypes: ['device.diagnosed', 'device.repaired'],
    });
  });

  it.each(['Rebox-FR', 'rebox_fr', '-rebox', 'rebox-', 'rebox--fr', '', 'r'.repeat(65), 'rebox fr'])(
    'refuses the partner id %j',
    (id) => {
      expect(
        codeOf(() => checkPartnerInput({ id, displayName: 'x', allowedEventTypes: ['device.collected'] })),
      ).toBe(PartnerKeysErrorCode.INVALID_PARTNER_ID);
    },
  );

  it('refuses unknown or no event types, and a blank name', () => {
    const input = { id: 'rebox-fr', displayName: 'REBOX', allowedEventTypes: ['device.collected'] };
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
});
