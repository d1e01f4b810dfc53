import { RejectionCode } from '../rejection';
import { DeviceResoldDto } from './device-resold.dto';
import { TransportLegDto } from './transport-leg.dto';
import { validateDto } from './validate-dto';

describe('validateDto', () => {
  it('validates a DTO on its own, reporting paths from its root', () => {
    expect(validateDto(TransportLegDto, { distanceKm: 12, mode: 'boat' })).toEqual({
      ok: false,
      rejection: {
        code: RejectionCode.INVALID_TRANSPORT,
        message: 'mode must be one of road, rail, sea, air',
        field: 'mode',
      },
    });
  });

  it('prefixes paths when asked', () => {
    const result = validateDto(DeviceResoldDto, { deviceId: 'imei:490154203237518' }, 'data');
    expect(result).toMatchObject({
      ok: false,
      rejection: { code: RejectionCode.MISSING_FIELD, field: 'data.orderId' },
    });
  });

  it('copies only declared properties onto the instance', () => {
    const result = validateDto(DeviceResoldDto, {
      deviceId: 'imei:490154203237518',
      orderId: 'SO-1',
      channel: 'shop',
      country: 'FR',
      internalNote: 'secret',
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toBeInstanceOf(DeviceResoldDto);
    expect(result.ok && Object.prototype.hasOwnProperty.call(result.value, 'internalNote')).toBe(false);
  });
});
