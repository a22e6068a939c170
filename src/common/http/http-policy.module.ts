import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MediaTypeGuard } from './media-type.guard';

/** Request rules every API endpoint shares, as global guards. */
@Global()
@Module({ providers: [{ provide: APP_GUARD, useClass: MediaTypeGuard }] })
export class HttpPolicyModule {}
