import { Controller, Get, Headers, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AccessTokenService } from '../common/auth/access-token.service';
import { Public } from '../common/auth/auth.decorators';
import { PrincipalDirectory } from '../common/auth/principal-directory';
import { DomainError, forbidden } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics (outside /api, where scrapers look) in the Prometheus text format, for a
 * scraper that sends METRICS_TOKEN as a bearer token, or for staff signed in.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly env: Environment,
    private readonly tokens: AccessTokenService,
    private readonly directory: PrincipalDirectory,
  ) {}

  // Public to the auth guard: a scraper's METRICS_TOKEN is no JWT; checked here instead.
  @Public()
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    await this.authorise(authorization);
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }

  private async authorise(authorization: string | undefined): Promise<void> {
    const token = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
    if (!token) throw new DomainError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'Send METRICS_TOKEN or a staff access token as a bearer token');
    if (this.env.METRICS_TOKEN && sameSecret(token, this.env.METRICS_TOKEN)) return;
    const verified = await this.tokens.verify(token);
    const principal = verified && (await this.directory.resolve(verified));
    if (!principal) {
      throw new DomainError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'Send METRICS_TOKEN or a staff access token as a bearer token');
    }
    // Issue 13: desk accounts (check-in only) see no metrics.
    if (principal.role !== 'staff' || principal.staffRole === 'desk') throw forbidden();
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
