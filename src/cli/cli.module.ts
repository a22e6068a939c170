import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AuthCoreModule } from '../common/auth/auth-core.module';
import { I18nModule } from '../common/i18n/i18n.module';
import { LoggingModule } from '../common/logging/logging.module';
import { ConfigModule } from '../config/config.module';
import type { Environment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';
import { DatabaseModule } from '../database/database.module';
import { ExhibitorsModule } from '../exhibitors/exhibitors.module';
import { QueueModule } from '../queue/queue.module';
import { ReportsModule } from '../reports/reports.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import {
  APPLIED_MIGRATIONS,
  CreateStaffCommand,
  DemoCommand,
  ExportScheduleCommand,
  ImportExhibitorsCommand,
  ImportStudentsCommand,
  ImportVolunteersCommand,
  MigrateCommand,
} from './cli.commands';

/**
 * The operators' commands: the features' services as the API calls them, without HTTP and
 * without the worker role's processors (a command never sends mail itself; what it queues, the
 * running workers send).
 */
@Module({})
export class CliModule {
  static forEnv(env: Environment, applied: string[] | null): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule.forRoot(env),
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL)),
        QueueModule,
        I18nModule,
        AuthCoreModule,
        DatabaseModule,
        StudentsModule,
        VolunteersModule,
        ExhibitorsModule,
        ReportsModule,
        AuthModule,
      ],
      providers: [
        { provide: APPLIED_MIGRATIONS, useValue: applied },
        MigrateCommand,
        CreateStaffCommand,
        ImportStudentsCommand,
        ImportVolunteersCommand,
        ImportExhibitorsCommand,
        ExportScheduleCommand,
        DemoCommand,
      ],
    };
  }
}
