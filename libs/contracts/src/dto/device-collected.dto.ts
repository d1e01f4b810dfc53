import { TEXT_LIMITS } from '../clean-text';
import { DEVICE_CATEGORIES, DeviceCategory } from '../device-category';
import { COLLECTION_CHANNELS, CollectionChannel, DeviceCollectedData } from '../device-event';
import { RejectionCode } from '../rejection';
import { DeviceIdField, OptionalText, RequiredIdentifier, RequiredOneOf } from './field-decorators';
import { deviceIdOf, optionalText, optionalTransport, requiredText } from './field-normalisers';
import { OptionalTransportField, TransportLegDto } from './transport-leg.dto';

export class DeviceCollectedDto {
  @DeviceIdField()
  deviceId!: string;

  @RequiredOneOf(DEVICE_CATEGORIES, RejectionCode.UNKNOWN_CATEGORY)
  category!: DeviceCategory;

  @OptionalText(TEXT_LIMITS.label)
  brand?: string | null;

  @OptionalText(TEXT_LIMITS.label)
  model?: string | null;

  @RequiredOneOf(COLLECTION_CHANNELS)
  channel!: CollectionChannel;

  @RequiredIdentifier()
  siteId!: string;

  @OptionalText(TEXT_LIMITS.label)
  retailer?: string | null;

  @OptionalTransportField()
  transport?: TransportLegDto | null;
}

export function toDeviceCollectedData(dto: DeviceCollectedDto): DeviceCollectedData {
  return {
    deviceId: deviceIdOf(dto.deviceId),
    category: dto.category,
    ...optionalText('brand', dto.brand),
    ...optionalText('model', dto.model),
    channel: dto.channel,
    siteId: requiredText(dto.siteId),
    ...optionalText('retailer', dto.retailer),
    ...optionalTransport(dto.transport),
  };
}
