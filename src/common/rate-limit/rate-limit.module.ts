import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RateLimiter } from './rate-limiter.service';

/** `@RateLimit` for any controller (API or pages), and the limiter for handlers that count failures themselves. */
@Global()
@Module({ providers: [RateLimiter, { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor }], exports: [RateLimiter] })
export class RateLimitModule {}
