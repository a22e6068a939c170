import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/auth.decorators';
import { notFound } from '../../common/errors/domain-error';
import { AssetsService } from './assets.service';

/** Our CSS, scripts and logo: public, immutable under their hashed names, precompressed. */
@Controller('assets')
@ApiExcludeController()
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get(':file')
  @Public()
  serve(@Param('file') file: string, @Headers('accept-encoding') acceptEncoding: string | undefined, @Res() res: Response): void {
    const asset = this.assets.find(file);
    if (!asset) throw notFound('Asset');
    const accepts = (coding: string) => new RegExp(`\\b${coding}\\b`).test(acceptEncoding ?? '');
    const [body, encoding] = accepts('br') ? [asset.br, 'br'] : accepts('gzip') ? [asset.gzip, 'gzip'] : [asset.identity, undefined];
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Accept-Encoding');
    // An SVG logo opened on its own must not run anything.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.end(body);
  }
}
