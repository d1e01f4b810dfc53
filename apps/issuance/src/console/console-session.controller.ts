import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { secondsUntil, sessionCookie, sessionTokenFrom, signInKeyOf } from '@refurb/auth';
import type { Request, Response } from 'express';
import { IssuanceExceptionFilter } from '../http/issuance-exception.filter';
import { IssuanceException } from '../issuance.exception';
import { CONSOLE_COOKIE, CONSOLE_HEADER } from './console-cookie';
import { ConsoleSessionsService, ConsoleSessionView } from './console-sessions.service';

/** Sign-in and sign-out change who the browser acts as: they need the console's header too. */
function requireConsoleHeader(request: Request): void {
  if (request.headers[CONSOLE_HEADER] !== '1') {
    throw new IssuanceException(
      'CONSOLE.HEADER_MISSING',
      `console sign-in and sign-out must carry the header \`${CONSOLE_HEADER}: 1\``,
    );
  }
}

/**
 * The console's session (`/console/api/session`): a key in, an HttpOnly cookie out. Everything else the
 * page does goes through the /v1 routes, which accept the cookie (ApiKeyGuard).
 */
@ApiExcludeController()
@Controller('console/api')
@UseFilters(IssuanceExceptionFilter)
export class ConsoleSessionController {
  constructor(private readonly sessions: ConsoleSessionsService) {}

  @Post('session')
  async signIn(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
  ): Promise<ConsoleSessionView> {
    requireConsoleHeader(request);
    const { token, ...view } = await this.sessions.signIn(signInKeyOf(body));
    const maxAge = secondsUntil(new Date(view.expiresAt));
    response.setHeader('Set-Cookie', sessionCookie(CONSOLE_COOKIE, token, maxAge, request.secure));
    return view;
  }

  @Get('session')
  async session(@Req() request: Request): Promise<ConsoleSessionView> {
    const { view } = await this.sessions.resolve(sessionTokenFrom(CONSOLE_COOKIE, request.headers.cookie));
    return view;
  }

  /** Ends the session, known or not (signing out twice is no error), and clears the cookie. */
  @Delete('session')
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    requireConsoleHeader(request);
    await this.sessions.signOut(sessionTokenFrom(CONSOLE_COOKIE, request.headers.cookie));
    response.setHeader('Set-Cookie', sessionCookie(CONSOLE_COOKIE, '', 0, request.secure));
  }
}
