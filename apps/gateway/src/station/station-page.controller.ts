import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PageAssets, readPageAsset } from '@refurb/web';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { STATION_WORKER_SCOPE } from './station-offline-cache';

/** The page's files, as `npm run build` writes them (build-station-web.ts), with their content types. */
const ASSETS: PageAssets = {
  'index.html': 'text/html; charset=utf-8',
  'station.js': 'text/javascript; charset=utf-8',
  'station.css': 'text/css; charset=utf-8',
  'service-worker.js': 'text/javascript; charset=utf-8',
};

/** Serves the scan station page at /station; it has no key of its own and calls /station/api. */
@ApiExcludeController()
@Controller('station')
export class StationPageController {
  constructor(private readonly env: GatewayEnv) {}

  @Get()
  page(@Res() response: Response): Promise<void> {
    return this.send(response, 'index.html');
  }

  @Get(':asset')
  asset(@Param('asset') asset: string, @Res() response: Response): Promise<void> {
    return this.send(response, asset);
  }

  private async send(response: Response, asset: string): Promise<void> {
    const read = await readPageAsset(this.env.GATEWAY_STATION_ASSETS_DIR, ASSETS, asset);
    if (!read.ok && read.reason === 'UNKNOWN_ASSET') {
      throw new GatewayException(GatewayErrorCode.NOT_FOUND, 'no such route');
    }
    if (!read.ok) {
      throw new GatewayException(
        GatewayErrorCode.NOT_FOUND,
        'the station page is not built: run `npm run build` (GATEWAY_STATION_ASSETS_DIR)',
        { cause: read.cause },
      );
    }
    response
      .status(200)
      .set({
        ...read.headers,
        // Served from /station/ but controlling the page itself, /station (station-offline-cache.ts).
        ...(asset === 'service-worker.js' && { 'Service-Worker-Allowed': STATION_WORKER_SCOPE }),
      })
      .send(read.body);
  }
}
