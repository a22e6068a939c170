import { Global, Module } from '@nestjs/common';
import { Database } from './database';
import { TableStatistics } from './table-statistics';

/** Data access for every feature: `Database` (see database.ts), after TypeOrmModule.forRoot. */
@Global()
@Module({ providers: [Database, TableStatistics], exports: [Database, TableStatistics] })
export class DatabaseModule {}
