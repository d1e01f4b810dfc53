import { Controller, Get, NotFoundException, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageAssets, readPageAsset } from '@refurb/web';
import type { Response } from 'express';
import { IssuanceExceptionFilter } from '../http/issuance-exception.filter';
import { IssuanceEnv } from '../issuance.env';
import { IssuanceException } from '../issuance.exception';

/** The page's files, as `npm run build` writes them (build-console-web.ts), with their content types. */
const ASSETS: PageAssets = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/** Serves the finance and verifier console at /console; it holds no key and calls the /v1 routes. */
@ApiExcludeController()
@Controller('console')
@UseFilters(IssuanceExceptionFilter)
export class ConsolePageController {
  constructor(private readonly env: IssuanceEnv) {}

  @Get()
  page(@Res() response: Response): Promise<void> {
    return this.send(response, 'index.html');
  }

  @Get(':asset')
  asset(@Param('asset') asset: string, @Res() response: Response): Promise<void> {
    return this.send(response, asset);
  }

  private async send(response: Response, asset: string): Promise<void> {
    const read = await readPageAsset(this.env.ISSUANCE_CONSOLE_ASSETS_DIR, ASSETS, asset);
    if (!read.ok && read.reason === 'UNKNOWN_ASSET') throw new NotFoundException('no such route');
    if (!read.ok) {
      throw new IssuanceException(
        'CONSOLE.NOT_BUILT',
        'the console page is not built: run `npm run build` (ISSUANCE_CONSOLE_ASSETS_DIR)',
      );
    }
    response.status(200).set(read.headers).send(read.body);
  }
}
