import { Injectable } from '@nestjs/common';
import { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { mapConstraint } from '../common/errors/pg-errors';
import { decodeCursor, encodeCursor } from '../common/http/pagination';
import { OrganizationsService } from '../organizations/organizations.service';
import { Database, Tx } from '../database/database';
import { TableStatistics } from '../database/table-statistics';
import { CreateVolunteerDto, UpdateVolunteerDto, VolunteerImportResult, VolunteerResponse } from './dto/volunteer.dto';
import { checkVolunteerRows, parseVolunteerCsv } from './volunteer-csv';
import { Volunteer } from './entities/volunteer.entity';
import { VolunteersRepository } from './volunteers.repository';
import { VOLUNTEER_CONSTRAINTS, VolunteerErrors } from './volunteers.errors';

@Injectable()
export class VolunteersService {
  constructor(
    private readonly volunteers: VolunteersRepository,
    private readonly organizations: OrganizationsService,
    private readonly db: Database,
    private readonly statistics: TableStatistics,
  ) {}

  /**
   * Issue 13: a CSV of volunteers (`name,email` and any of `organization,title,expertise`, tags
   * separated by `;`), for the API, the console and the CLI. All or nothing: any bad line
   * rejects the file with every bad line listed; otherwise, in one transaction, new addresses
   * are added (their organizations found or created as on create) and known ones left as they are.
   */
  async importCsv(text: string): Promise<VolunteerImportResult> {
    const parsed = parseVolunteerCsv(text);
    if (!parsed.ok) throw VolunteerErrors.importRejected(parsed.errors);
    const checked = await checkVolunteerRows(parsed.rows);
    if (!checked.ok) throw VolunteerErrors.importRejected(checked.errors);
    const created = await this.db.transaction(async (tx) => {
      const organizations = new Map<string, { id: string; name: string } | null>();
      const rows = [];
      for (const dto of checked.dtos) {
        const key = (dto.organization ?? '').trim().toLowerCase();
        if (!organizations.has(key)) organizations.set(key, await this.organizations.resolveName(dto.organization, tx));
        const organization = organizations.get(key);
        rows.push({ name: dto.name, email: dto.email, title: dto.title ?? '', expertise: dto.expertise ?? [], organization: organization?.name ?? '', organizationId: organization?.id ?? null });
      }
      return this.volunteers.insertNew(tx, rows);
    });
    await this.statistics.wrote('volunteers', created);
    return { total: checked.dtos.length, created, skipped: checked.dtos.length - created };
  }

  /** The organization named is found (any case) or created, and the volunteer points at it. */
  async create(dto: CreateVolunteerDto): Promise<VolunteerResponse> {
    try {
      const organization = await this.organizations.resolveName(dto.organization);
      return toVolunteerResponse(
        await this.volunteers.create({ ...dto, organization: organization?.name ?? '', organizationId: organization?.id ?? null }),
      );
    } catch (error) {
      throw mapConstraint(error, VOLUNTEER_CONSTRAINTS) ?? error;
    }
  }

  /** Changes an open account (a deleted one is NOT_FOUND); a new organization name is found or created as on create. */
  async update(id: string, dto: UpdateVolunteerDto): Promise<VolunteerResponse> {
    try {
      const { organization: name, ...rest } = dto;
      // Found first, so a change of an unknown or deleted volunteer creates no organization.
      const current = await this.volunteers.findById(id);
      if (!current || current.deletedAt) throw notFound('Volunteer');
      const organization = name === undefined ? undefined : await this.organizations.resolveName(name);
      const fields = name === undefined ? rest : { ...rest, organization: organization?.name ?? '', organizationId: organization?.id ?? null };
      const volunteer = await this.volunteers.update(id, fields);
      if (!volunteer) throw notFound('Volunteer');
      return toVolunteerResponse(volunteer);
    } catch (error) {
      throw mapConstraint(error, VOLUNTEER_CONSTRAINTS) ?? error;
    }
  }

  /** For a deletion (issue 13), in its transaction: closes the account; false when none is open. */
  close(tx: Tx, id: string): Promise<boolean> {
    return this.volunteers.close(tx, id);
  }

  /** For a deletion, once the mails that name them are out: erases a closed account's personal data. */
  erase(id: string): Promise<boolean> {
    return this.volunteers.erase(id);
  }

  async page(limit: number, cursor?: string, search?: string) {
    const rows = await this.volunteers.page(limit + 1, decodeCursor<[string, string]>(cursor, ['text', 'uuid']), search);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toVolunteerResponse),
      nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  /** Staff may read any volunteer; a volunteer only themself. Others get NOT_FOUND. */
  async getForPrincipal(id: string, principal: Principal): Promise<VolunteerResponse> {
    if (principal.role !== 'staff' && !(principal.role === 'volunteer' && principal.id === id)) {
      throw notFound('Volunteer');
    }
    return toVolunteerResponse(await this.findOrFail(id));
  }

  async findOrFail(id: string): Promise<Volunteer> {
    const volunteer = await this.volunteers.findById(id);
    if (!volunteer) throw notFound('Volunteer');
    return volunteer;
  }

  findByIds(ids: string[]): Promise<Volunteer[]> {
    return this.volunteers.findByIds(ids);
  }

  findByEmail(email: string): Promise<Volunteer | null> {
    return this.volunteers.findByEmail(email);
  }
}

export function toVolunteerResponse(v: Volunteer): VolunteerResponse {
  return {
    id: v.id,
    name: v.name,
    email: v.email,
    organization: v.organization,
    organizationId: v.organizationId,
    title: v.title,
    expertise: v.expertise,
    createdAt: v.createdAt.toISOString(),
  };
}
