import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { STATION_WORKER_SCOPE } from './station-offline-cache';

/** The page's files, as `npm run build` writes them (build-station-web.ts), with their content types. */
const ASSETS: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'station.js': 'text/javascript; charset=utf-8',
  'station.css': 'text/css; charset=utf-8',
  'service-worker.js': 'text/javascript; charset=utf-8',
};

/**
 * Everything from this origin, nothing inline, nothing framed: the page holds a session that records
 * evidence, so an injected script or a framing site must get nowhere. `data:` images are the labels.
 */
export const STATION_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
    const contentType = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (contentType === undefined) throw new GatewayException(GatewayErrorCode.NOT_FOUND, 'no such route');
    let body: Buffer;
    try {
      body = await readFile(join(this.env.GATEWAY_STATION_ASSETS_DIR, asset));
    } catch (error) {
      throw new GatewayException(
        GatewayErrorCode.NOT_FOUND,
        'the station page is not built: run `npm run build` (GATEWAY_STATION_ASSETS_DIR)',
        { cause: error },
      );
    }
    response
      .status(200)
      .set({
        'Content-Type': contentType,
        'Content-Security-Policy': STATION_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
        // Served from /station/ but controlling the page itself, /station (station-offline-cache.ts).
        ...(asset === 'service-worker.js' && { 'Service-Worker-Allowed': STATION_WORKER_SCOPE }),
      })
      .send(body);
  }
}
