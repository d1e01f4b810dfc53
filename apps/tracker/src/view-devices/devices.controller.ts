import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  DefaultValuePipe,
  Query,
} from '@nestjs/common';
import { normaliseDeviceId } from '@refurb/contracts';
import { ConflictView, DeviceQueryService, DeviceView } from './device-query.service';

@Controller('v1')
export class DevicesController {
  constructor(private readonly query: DeviceQueryService) {}

  /** Accepts any spelling partners use for a device id (e.g. a bare IMEI) and answers for its canonical form. */
  @Get('devices/:deviceId')
  async device(@Param('deviceId') rawDeviceId: string): Promise<DeviceView> {
    const normalised = normaliseDeviceId(rawDeviceId);
    if (!normalised.ok) throw new BadRequestException(normalised.rejection);
    const device = await this.query.device(normalised.deviceId);
    if (!device) {
      throw new NotFoundException({
        code: 'DEVICE.NOT_FOUND',
        message: `No event recorded for ${normalised.deviceId}`,
      });
    }
    return device;
  }

  @Get('conflicts')
  async conflicts(
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @Query('after') after?: string,
  ): Promise<{ conflicts: ConflictView[]; next?: string }> {
    if (limit < 1 || limit > 1000) {
      throw new BadRequestException({
        code: 'QUERY.INVALID_LIMIT',
        message: 'limit must be between 1 and 1000',
      });
    }
    return this.query.conflicts(limit, after);
  }
}
