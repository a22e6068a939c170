import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Environment } from '../../config/environment';
import { AccessTokenService } from './access-token.service';
import { AuthGuard } from './auth.guard';
import { PrincipalDirectory } from './principal-directory';

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
  providers: [AccessTokenService, PrincipalDirectory, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenService, PrincipalDirectory],
})
export class AuthCoreModule {}
