import { TEXT_LIMITS } from '../clean-text';
import { DeviceDiagnosedData, DIAGNOSIS_OUTCOMES, DiagnosisOutcome } from '../device-event';
import { DeviceIdField, OptionalText, RequiredIdentifier, RequiredOneOf } from './field-decorators';
import { deviceIdOf, optionalText, optionalTransport, requiredText } from './field-normalisers';
import { OptionalTransportField, TransportLegDto } from './transport-leg.dto';

export class DeviceDiagnosedDto {
  @DeviceIdField()
  deviceId!: string;

  @RequiredIdentifier()
  workshopId!: string;

  @RequiredOneOf(DIAGNOSIS_OUTCOMES)
  outcome!: DiagnosisOutcome;

  /** A workshop's own pre-grading, free text (the A/B/C grade is the refurbishment's). */
  @OptionalText(TEXT_LIMITS.label)
  grade?: string | null;

  @OptionalTransportField()
  transport?: TransportLegDto | null;
}

export function toDeviceDiagnosedData(dto: DeviceDiagnosedDto): DeviceDiagnosedData {
  return {
    deviceId: deviceIdOf(dto.deviceId),
    workshopId: requiredText(dto.workshopId),
    outcome: dto.outcome,
    ...optionalText('grade', dto.grade),
    ...optionalTransport(dto.transport),
  };
}
