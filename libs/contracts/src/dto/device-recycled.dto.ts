import { DeviceRecycledData } from '../device-event';
import { DeviceIdField, RequiredIdentifier } from './field-decorators';
import { deviceIdOf, requiredText } from './field-normalisers';

export class DeviceRecycledDto {
  @DeviceIdField()
  deviceId!: string;

  @RequiredIdentifier()
  recyclerId!: string;
}

export function toDeviceRecycledData(dto: DeviceRecycledDto): DeviceRecycledData {
  return { deviceId: deviceIdOf(dto.deviceId), recyclerId: requiredText(dto.recyclerId) };
}
