import { TEXT_LIMITS } from '../clean-text';
import { DeviceReturnedData } from '../device-event';
import { DeviceIdField, OptionalText, RequiredIdentifier } from './field-decorators';
import { deviceIdOf, optionalText, requiredText } from './field-normalisers';

export class DeviceReturnedDto {
  @DeviceIdField()
  deviceId!: string;

  /** Must equal the `orderId` of the resale it cancels, after trimming. */
  @RequiredIdentifier()
  orderId!: string;

  @OptionalText(TEXT_LIMITS.note)
  reason?: string | null;
}

export function toDeviceReturnedData(dto: DeviceReturnedDto): DeviceReturnedData {
  return {
    deviceId: deviceIdOf(dto.deviceId),
    orderId: requiredText(dto.orderId),
    ...optionalText('reason', dto.reason),
  };
}
