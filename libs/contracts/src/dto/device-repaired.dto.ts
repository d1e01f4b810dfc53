import { PartName } from '../device-category';
import { DeviceRepairedData } from '../device-event';
import { DeviceIdField, PartListField, RequiredIdentifier } from './field-decorators';
import { deviceIdOf, optionalTransport, requiredText, sortedParts } from './field-normalisers';
import { OptionalTransportField, TransportLegDto } from './transport-leg.dto';

/**
 * Whether each part exists for the device's category cannot be decided here: the repair carries no
 * category. No door refuses the event for it; the tracker's cycle assessment (libs/lifecycle) checks the
 * parts once the cycle's collection gives the category, and flags the cycle (CYCLE.PART_NOT_IN_CATEGORY)
 * so it is not credited.
 */
export class DeviceRepairedDto {
  @DeviceIdField()
  deviceId!: string;

  @RequiredIdentifier()
  workshopId!: string;

  @PartListField()
  partsReplaced!: PartName[];

  @OptionalTransportField()
  transport?: TransportLegDto | null;
}

export function toDeviceRepairedData(dto: DeviceRepairedDto): DeviceRepairedData {
  return {
    deviceId: deviceIdOf(dto.deviceId),
    workshopId: requiredText(dto.workshopId),
    partsReplaced: sortedParts(dto.partsReplaced),
    ...optionalTransport(dto.transport),
  };
}
