import { TEXT_LIMITS } from '../clean-text';
import { DeviceRecycledData } from '../device-event';
import { DeviceIdField, RequiredText } from './field-decorators';
import { deviceIdOf, requiredText } from './field-normalisers';

export class DeviceRecycledDto {
  @DeviceIdField()
  deviceId!: string;

  @RequiredText(TEXT_LIMITS.identifier)
  recyclerId!: string;
}

export function toDeviceRecycledData(dto: DeviceRecycledDto): DeviceRecycledData {
  return { deviceId: deviceIdOf(dto.deviceId), recyclerId: requiredText(dto.recyclerId) };
}
