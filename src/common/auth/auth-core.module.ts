import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Environment } from '../../config/environment';
import { AccessTokenService } from './access-token.service';
import { AuthGuard } from './auth.guard';
import { PrincipalDirectory } from './principal-directory';
import { SessionService } from './sessions/session.service';
import { SessionsRepository } from './sessions/sessions.repository';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        secret: env.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: env.JWT_TTL as `${number}h` },
      }),
    }),
  ],
  providers: [AccessTokenService, PrincipalDirectory, SessionService, SessionsRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenService, PrincipalDirectory, SessionService],
})
export class AuthCoreModule {}
