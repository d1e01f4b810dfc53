import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { MAX_LEG_DISTANCE_KM, TRANSPORT_MODES, TransportLeg, TransportMode } from '../device-category';
import { RejectionCode } from '../rejection';
import { ValidateInOrder, rejectAs, RequiredField } from './field-decorators';

const invalidTransport = (message: string) => rejectAs(RejectionCode.INVALID_TRANSPORT, message);

/** Every failure inside a leg is INVALID_TRANSPORT, a missing member included, so operators see one reason. */
export class TransportLegDto {
  @ValidateInOrder(
    RequiredField(RejectionCode.INVALID_TRANSPORT),
    IsNumber({ allowNaN: false, allowInfinity: false }, invalidTransport('must be a number of kilometres')),
    Min(0, invalidTransport('must not be negative')),
    Max(MAX_LEG_DISTANCE_KM, invalidTransport(`must be at most ${MAX_LEG_DISTANCE_KM} km`)),
  )
  distanceKm!: number;

  @ValidateInOrder(
    RequiredField(RejectionCode.INVALID_TRANSPORT),
    IsIn([...TRANSPORT_MODES], invalidTransport(`must be one of ${TRANSPORT_MODES.join(', ')}`)),
  )
  mode!: TransportMode;
}

export function OptionalTransportField(): PropertyDecorator {
  return ValidateInOrder(
    IsOptional(),
    IsObject(invalidTransport('must be an object {distanceKm, mode}')),
    ValidateNested(invalidTransport('must be an object {distanceKm, mode}')),
    Type(() => TransportLegDto),
  );
}

/** Whole kilometres, halves rounded up; `+ 0` turns a -0 into 0 so equal legs stay deep-equal. */
export function toTransportLeg(dto: TransportLegDto): TransportLeg {
  return { distanceKm: Math.round(dto.distanceKm) + 0, mode: dto.mode };
}
