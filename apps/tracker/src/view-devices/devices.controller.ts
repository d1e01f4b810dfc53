import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  DefaultValuePipe,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { normaliseDeviceId } from '@refurb/contracts';
import { ApiKeySecured } from '@refurb/runtime';
import { StoredTrackerKey } from '../auth/tracker-key.repository';
import { CurrentTrackerKey, TrackerKeyGuard } from '../auth/tracker-key.guard';
import { TrackerRole } from '../auth/tracker-role';
import { TrackerRoles } from '../auth/tracker-roles.decorator';
import { ConflictView, DeviceQueryService, DeviceView } from './device-query.service';
import { DEVICE_PAGE_DEFAULT_LIMIT, DEVICE_PAGE_MAX_LIMIT, InvalidCursorError } from './device-page';

/**
 * Every route needs a tracker key (TrackerKeyGuard): operators read all; workshops their devices; the
 * gateway's scan station (role `station`) and issuance's verifier drill-down (role `auditor`) any
 * device, but not the conflicts.
 */
/** The roles that read the events' content too (StoredEventView.data). */
const AUDITING_ROLES: ReadonlySet<TrackerRole> = new Set(['operator', 'auditor']);

@Controller('v1')
@UseGuards(TrackerKeyGuard)
@ApiKeySecured()
export class DevicesController {
  constructor(private readonly query: DeviceQueryService) {}

  /** Accepts any spelling partners use for a device id (e.g. a bare IMEI) and answers for its canonical form. */
  @Get('devices/:deviceId')
  @TrackerRoles('operator', 'workshop', 'station', 'auditor')
  @ApiOperation({ summary: "A device's cycles and stored events, a page of events at a time" })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `Events per page, 1 to ${DEVICE_PAGE_MAX_LIMIT} (default ${DEVICE_PAGE_DEFAULT_LIMIT})`,
  })
  @ApiQuery({ name: 'cursor', required: false, description: "The previous page's `page.nextCursor`" })
  @ApiOkResponse({
    description: 'The page: `events`, the `cycles` they belong to, and `page` (`nextCursor`)',
  })
  async device(
    @Param('deviceId') rawDeviceId: string,
    @Query('limit', new DefaultValuePipe(DEVICE_PAGE_DEFAULT_LIMIT), ParseIntPipe) limit: number,
    @CurrentTrackerKey() key: StoredTrackerKey,
    @Query('cursor') cursor?: string,
  ): Promise<DeviceView> {
    const normalised = normaliseDeviceId(rawDeviceId);
    if (!normalised.ok) throw new BadRequestException(normalised.rejection);
    checkLimit(limit, DEVICE_PAGE_MAX_LIMIT);
    // A device outside a workshop key's scope answers as an unknown one: its existence is not told either.
    const inScope =
      key.workshopId === undefined || (await this.query.touchedBy(normalised.deviceId, key.workshopId));
    const device = inScope
      ? await this.query
          .device(normalised.deviceId, { limit, cursor }, { withData: AUDITING_ROLES.has(key.role) })
          .catch((error: unknown) => {
            if (error instanceof InvalidCursorError) {
              throw new BadRequestException({ code: error.code, message: error.message });
            }
            throw error;
          })
      : undefined;
    if (!device) {
      throw new NotFoundException({
        code: 'DEVICE.NOT_FOUND',
        message: `No event recorded for ${normalised.deviceId}`,
      });
    }
    const { nextCursor } = device.page;
    if (nextCursor !== undefined) {
      const query = new URLSearchParams({ limit: String(limit), cursor: nextCursor });
      device.page.next = `/v1/devices/${encodeURIComponent(device.deviceId)}?${query.toString()}`;
    }
    return device;
  }

  @Get('conflicts')
  @TrackerRoles('operator')
  async conflicts(
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @Query('after') after?: string,
  ): Promise<{ conflicts: ConflictView[]; next?: string }> {
    checkLimit(limit, 1000);
    return this.query.conflicts(limit, after);
  }
}

function checkLimit(limit: number, max: number): void {
  if (limit < 1 || limit > max) {
    throw new BadRequestException({
      code: 'QUERY.INVALID_LIMIT',
      message: `limit must be between 1 and ${max}`,
    });
  }
}
