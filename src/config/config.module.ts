import { DynamicModule, Global, Module } from '@nestjs/common';
import { Environment } from './environment';

/**
 * Makes the validated Environment injectable everywhere. Services inject `Environment`
 * (typed, already validated) instead of reading `process.env`.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: Environment, useValue: env }],
      exports: [Environment],
    };
  }
}
