import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthProcessor } from './jobs/auth.processor';
import { MagicLinkService } from './magic-link.service';
import { StaffService } from './staff.service';

@Module({
  imports: [StudentsModule, VolunteersModule, MailModule],
  controllers: [AuthController],
  providers: [StaffService, MagicLinkService, AuthRepository],
  exports: [MagicLinkService, StaffService],
})
export class AuthModule {}

/** Worker role: the processor for the auth queue. */
@Module({ imports: [AuthModule], providers: [AuthProcessor] })
export class AuthWorkerModule {}
