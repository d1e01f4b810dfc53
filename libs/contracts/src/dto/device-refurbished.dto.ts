import { DeviceRefurbishedData, REFURBISHMENT_GRADES, RefurbishmentGrade } from '../device-event';
import { DeviceIdField, RequiredIdentifier, RequiredOneOf } from './field-decorators';
import { deviceIdOf, optionalTransport, requiredText } from './field-normalisers';
import { OptionalTransportField, TransportLegDto } from './transport-leg.dto';

export class DeviceRefurbishedDto {
  @DeviceIdField()
  deviceId!: string;

  @RequiredIdentifier()
  workshopId!: string;

  @RequiredOneOf(REFURBISHMENT_GRADES)
  grade!: RefurbishmentGrade;

  /** Credit eligibility requires it (docs/methodology.md#cycle-rules), so it is mandatory and never blank. */
  @RequiredIdentifier()
  erasureCertificateId!: string;

  @OptionalTransportField()
  transport?: TransportLegDto | null;
}

export function toDeviceRefurbishedData(dto: DeviceRefurbishedDto): DeviceRefurbishedData {
  return {
    deviceId: deviceIdOf(dto.deviceId),
    workshopId: requiredText(dto.workshopId),
    grade: dto.grade,
    erasureCertificateId: requiredText(dto.erasureCertificateId),
    ...optionalTransport(dto.transport),
  };
}
