import { DynamicModule, Module } from '@nestjs/common';
import { AppModule } from '../app.module';
import { Environment } from '../config/environment';
import { WebModule } from '../web/web.module';
import { DEMO_MAIL_CATCHER, DEMO_MAIL_DIRECTORY, DemoMailController } from './demo-mail.controller';
import { MailCatcher } from './mail-catcher';

/** The whole app (role `all`) plus the demo's mail pages, which only `npm run demo` mounts. */
@Module({})
export class DemoModule {
  static forDemo(env: Environment, catcher: MailCatcher, directory: string): DynamicModule {
    return {
      module: DemoModule,
      imports: [AppModule.forRole(env), WebModule],
      controllers: [DemoMailController],
      providers: [
        { provide: DEMO_MAIL_CATCHER, useValue: catcher },
        { provide: DEMO_MAIL_DIRECTORY, useValue: directory },
      ],
    };
  }
}
