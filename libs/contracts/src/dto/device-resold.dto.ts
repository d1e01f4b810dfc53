import { TEXT_LIMITS } from '../clean-text';
import { DeviceResoldData } from '../device-event';
import { CountryField, DeviceIdField, RequiredIdentifier, RequiredText } from './field-decorators';
import { countryOf, deviceIdOf, requiredText } from './field-normalisers';

/** Resale carries no transport leg: distribution to the buyer is outside the methodology's boundary. */
export class DeviceResoldDto {
  @DeviceIdField()
  deviceId!: string;

  @RequiredIdentifier()
  orderId!: string;

  /** The resale channel (marketplace, shop...): free text (docs/architecture.md#event-contract). */
  @RequiredText(TEXT_LIMITS.label)
  channel!: string;

  @CountryField()
  country!: string;
}

export function toDeviceResoldData(dto: DeviceResoldDto): DeviceResoldData {
  return {
    deviceId: deviceIdOf(dto.deviceId),
    orderId: requiredText(dto.orderId),
    channel: requiredText(dto.channel),
    country: countryOf(dto.country),
  };
}
