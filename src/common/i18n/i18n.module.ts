import { Global, Module } from '@nestjs/common';
import { Catalogues } from './catalogue';

/** The message catalogues, read once at start, for pages and mails alike. */
@Global()
@Module({
  providers: [{ provide: Catalogues, useFactory: () => new Catalogues() }],
  exports: [Catalogues],
})
export class I18nModule {}
