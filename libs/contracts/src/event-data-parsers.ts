import { ClassConstructor } from 'class-transformer';
import { DeviceEventDataMap, DeviceEventType } from './device-event';
import { DeviceCollectedDto, toDeviceCollectedData } from './dto/device-collected.dto';
import { DeviceDiagnosedDto, toDeviceDiagnosedData } from './dto/device-diagnosed.dto';
import { DeviceRecycledDto, toDeviceRecycledData } from './dto/device-recycled.dto';
import { DeviceRefurbishedDto, toDeviceRefurbishedData } from './dto/device-refurbished.dto';
import { DeviceRepairedDto, toDeviceRepairedData } from './dto/device-repaired.dto';
import { DeviceResoldDto, toDeviceResoldData } from './dto/device-resold.dto';
import { DeviceReturnedDto, toDeviceReturnedData } from './dto/device-returned.dto';
import { validateDto } from './dto/validate-dto';
import { Rejected } from './rejection';

export type EventDataParser<T extends DeviceEventType> = (
  data: Record<string, unknown>,
) => { ok: true; data: DeviceEventDataMap[T] } | Rejected;

function parserFor<T extends DeviceEventType, D extends object>(
  dto: ClassConstructor<D>,
  toData: (validated: D) => DeviceEventDataMap[T],
): EventDataParser<T> {
  return (data) => {
    const result = validateDto(dto, data, 'data');
    return result.ok ? { ok: true, data: toData(result.value) } : result;
  };
}

/** The class-validator DTO of each event type's `data`, e.g. for API documentation. */
export const EVENT_DATA_DTOS: { readonly [T in DeviceEventType]: ClassConstructor<object> } = {
  'device.collected': DeviceCollectedDto,
  'device.diagnosed': DeviceDiagnosedDto,
  'device.repaired': DeviceRepairedDto,
  'device.refurbished': DeviceRefurbishedDto,
  'device.recycled': DeviceRecycledDto,
  'device.resold': DeviceResoldDto,
  'device.returned': DeviceReturnedDto,
};

/** Validates an event's `data` against its type's DTO and returns the normalised plain object. */
export const EVENT_DATA_PARSERS: { readonly [T in DeviceEventType]: EventDataParser<T> } = {
  'device.collected': parserFor(DeviceCollectedDto, toDeviceCollectedData),
  'device.diagnosed': parserFor(DeviceDiagnosedDto, toDeviceDiagnosedData),
  'device.repaired': parserFor(DeviceRepairedDto, toDeviceRepairedData),
  'device.refurbished': parserFor(DeviceRefurbishedDto, toDeviceRefurbishedData),
  'device.recycled': parserFor(DeviceRecycledDto, toDeviceRecycledData),
  'device.resold': parserFor(DeviceResoldDto, toDeviceResoldData),
  'device.returned': parserFor(DeviceReturnedDto, toDeviceReturnedData),
};
