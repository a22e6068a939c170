import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../common/http/pagination';
import { OrganizationPage } from './dto/organization.dto';
import { Organization } from './entities/organization.entity';
import { OrganizationsRepository } from './organizations.repository';

/** Employers as records (issue 14): volunteers belong to one, allocation keeps one interview per student each. */
@Injectable()
export class OrganizationsService {
  constructor(private readonly organizations: OrganizationsRepository) {}

  /** The record for a name as people type it (trimmed, any case), created on first use; null for a blank name. */
  async resolveName(name: string | undefined, tx?: EntityManager): Promise<Organization | null> {
    const trimmed = (name ?? '').trim();
    return trimmed ? this.organizations.resolve(trimmed, tx) : null;
  }

  findByIds(ids: string[]): Promise<Organization[]> {
    return this.organizations.findByIds(ids);
  }

  async page(limit: number, cursor?: string): Promise<OrganizationPage> {
    const rows = await this.organizations.page(limit + 1, decodeCursor<[string, string]>(cursor, ['text', 'uuid']));
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((o) => ({ id: o.id, name: o.name })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.nameKey, last.id]) : null,
    };
  }
}
