import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { StaffService } from '../auth/staff.service';
import { CreateStaffDto } from '../auth/dto/auth.dto';
import { decodeCsv } from '../common/csv/csv-decoding';
import { DomainError } from '../common/errors/domain-error';
import { ExhibitorsService } from '../exhibitors/exhibitors.service';
import { ReportsService } from '../reports/reports.service';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { CliError, print, validated } from './cli-output';

/** The migrations cli.ts applied before the context started (none when MIGRATIONS_RUN=false). */
export const APPLIED_MIGRATIONS = Symbol('APPLIED_MIGRATIONS');

/** A CSV file from disk, decoded as an upload is (declared nowhere: BOM, UTF-8, safe Windows-1252). */
function readCsvFile(path: string, charset?: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const decoded = decodeCsv(bytes, charset ? `text/csv; charset=${charset}` : undefined);
  if (!decoded.ok) throw new CliError(`${path}: the encoding cannot be told (${decoded.reason}); save it as "CSV UTF-8" or pass --charset windows-1252`);
  return decoded.text;
}

const describeImport = (what: string, r: { total: number; created: number; updated: number }) =>
  `Imported ${r.total} ${what}${r.total === 1 ? '' : 's'}: ${r.created} new, ${r.updated} updated.`;

@Command({ name: 'migrate', description: 'apply pending database migrations (every command does this first unless MIGRATIONS_RUN=false)' })
export class MigrateCommand extends CommandRunner {
  constructor(@Inject(APPLIED_MIGRATIONS) private readonly applied: string[] | null) {
    super();
  }

  async run(): Promise<void> {
    if (this.applied === null) throw new CliError('MIGRATIONS_RUN=false: nothing was applied. Unset it to migrate.');
    print(this.applied.length ? `Applied ${this.applied.length} migration(s): ${this.applied.join(', ')}` : 'No pending migrations: the schema is up to date.');
  }
}

@Command({ name: 'create-staff', arguments: '<email>', description: 'add a staff account (password from --password or FAIRGRID_STAFF_PASSWORD, 12+ characters)' })
export class CreateStaffCommand extends CommandRunner {
  constructor(private readonly staff: StaffService) {
    super();
  }

  async run([email]: string[], options: { name?: string; password?: string }): Promise<void> {
    const password = options.password ?? process.env.FAIRGRID_STAFF_PASSWORD;
    if (!password) throw new CliError('Give the password with --password or in FAIRGRID_STAFF_PASSWORD (12+ characters).');
    const dto = await validated(CreateStaffDto, { email, name: options.name ?? email.split('@')[0], password });
    const created = await this.staff.create(dto);
    print(`Created staff account ${created.email} (${created.id}).`);
  }

  @Option({ flags: '--name <name>', description: 'the name shown for the account (default: the part before @)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'its password (prefer FAIRGRID_STAFF_PASSWORD: a shell history keeps arguments)' })
  parsePassword(value: string): string {
    return value;
  }
}

abstract class CsvCommand extends CommandRunner {
  @Option({ flags: '--charset <charset>', description: 'the file\'s encoding when it cannot be told (e.g. windows-1252)' })
  parseCharset(value: string): string {
    return value;
  }
}

@Command({ name: 'import-students', arguments: '<file>', description: 'import students from CSV (name,email,studentNumber,major,graduationYear): all or nothing' })
export class ImportStudentsCommand extends CsvCommand {
  constructor(private readonly students: StudentsService) {
    super();
  }

  async run([file]: string[], options: { charset?: string }): Promise<void> {
    print(describeImport('student', await this.students.importCsv(readCsvFile(file, options.charset))));
  }
}

@Command({ name: 'import-exhibitors', arguments: '<eventId> <file>', description: "import an event's exhibitors from CSV (organization plus any of industries,roles,majors,website,contactName,contactEmail,contactPhone)" })
export class ImportExhibitorsCommand extends CsvCommand {
  constructor(private readonly exhibitors: ExhibitorsService) {
    super();
  }

  async run([eventId, file]: string[], options: { charset?: string }): Promise<void> {
    print(describeImport('exhibitor', await this.exhibitors.importCsv(eventId, readCsvFile(file, options.charset))));
  }
}

@Command({ name: 'import-volunteers', arguments: '<file>', description: 'add volunteers from CSV (name,email and any of organization,title,expertise with ; between tags); addresses already known are skipped' })
export class ImportVolunteersCommand extends CsvCommand {
  constructor(private readonly volunteers: VolunteersService) {
    super();
  }

  async run([file]: string[], options: { charset?: string }): Promise<void> {
    try {
      const r = await this.volunteers.importCsv(readCsvFile(file, options.charset));
      print(`Imported ${r.total} volunteer(s): ${r.created} new, ${r.skipped} already known (left as they are).`);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'IMPORT_REJECTED')) throw error;
      const rows = (error.details?.rows as { line: number; reason: string }[] | undefined) ?? [];
      throw new CliError(['The file has bad rows; nothing was imported:', ...rows.map((e) => `  line ${e.line}: ${e.reason}`)].join('\n'));
    }
  }
}

@Command({ name: 'export-schedule', arguments: '<eventId>', description: "write an event's interview schedule as CSV (to --out, else to standard output)" })
export class ExportScheduleCommand extends CommandRunner {
  constructor(private readonly reports: ReportsService) {
    super();
  }

  async run([eventId]: string[], options: { out?: string }): Promise<void> {
    const csv = await this.reports.scheduleCsv(eventId);
    if (!options.out) {
      process.stdout.write(csv);
      return;
    }
    writeFileSync(options.out, csv);
    print(`Wrote ${csv.trimEnd().split('\r\n').length - 1} interview(s) to ${options.out}.`);
  }

  @Option({ flags: '--out <file>', description: 'the CSV file to write' })
  parseOut(value: string): string {
    return value;
  }
}

/** `npm run cli -- demo …` is started by cli.ts before any configuration is read; listed here for --help. */
@Command({ name: 'demo', description: 'run the demo fair (the same as npm run demo; options after it go to the demo)', options: { isDefault: false } })
export class DemoCommand extends CommandRunner {
  async run(args: string[]): Promise<void> {
    await runDemo(args);
  }
}

export function runDemo(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'demo', 'demo.js'), ...args], { stdio: 'inherit' });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(Object.assign(new CliError(`The demo exited with ${code}.`), { exitCode: code ?? 1 })))),
  );
}
