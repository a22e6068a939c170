import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { MagicLinkToken } from './entities/magic-link-token.entity';
import { SignInFailure } from './entities/sign-in-failure.entity';
import { Staff } from './entities/staff.entity';
import { AuthProcessor } from './jobs/auth.processor';
import { MagicLinkService } from './magic-link.service';
import { StaffService } from './staff.service';

@Module({
  imports: [TypeOrmModule.forFeature([Staff, MagicLinkToken, SignInFailure]), StudentsModule, VolunteersModule, MailModule],
  controllers: [AuthController],
  providers: [StaffService, MagicLinkService, AuthRepository],
  exports: [MagicLinkService, StaffService],
})
export class AuthModule {}

/** Worker role: the processor for the auth queue. */
@Module({ imports: [AuthModule], providers: [AuthProcessor] })
export class AuthWorkerModule {}
