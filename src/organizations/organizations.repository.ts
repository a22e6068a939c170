import { Injectable } from '@nestjs/common';
import { Raw, Repository } from 'typeorm';
import { Database, Tx } from '../database/database';
import { Organization } from './entities/organization.entity';

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: Database) {}

  private get organizations(): Repository<Organization> {
    return this.db.repository(Organization);
  }

  /**
   * The organization with this name (case-insensitive), created if new. One statement that
   * always returns the row (DO UPDATE locks and returns an existing one; the name keeps the
   * first spelling), so two volunteers of a new company created at once share one record.
   */
  async resolve(name: string, tx?: Tx): Promise<Organization> {
    const rows: { id: string; name: string; name_key: string; created_at: Date }[] = await this.db.query(
      `INSERT INTO organizations (name, name_key) VALUES ($1::varchar, lower($1::varchar))
       ON CONFLICT (name_key) DO UPDATE SET name = organizations.name
       RETURNING id, name, name_key, created_at`,
      [name],
      tx,
    );
    const row = rows[0];
    return Object.assign(new Organization(), { id: row.id, name: row.name, nameKey: row.name_key, createdAt: row.created_at });
  }

  findByIds(ids: string[]): Promise<Organization[]> {
    return ids.length ? this.organizations.findBy({ id: Raw((column) => `${column} = ANY(:ids::uuid[])`, { ids }) }) : Promise.resolve([]);
  }

  page(limit: number, after?: [string, string]): Promise<Organization[]> {
    const query = this.organizations.createQueryBuilder('o').orderBy('o.name_key').addOrderBy('o.id').limit(limit);
    if (after) query.andWhere('(o.name_key, o.id) > (:key, :id)', { key: after[0], id: after[1] });
    return query.getMany();
  }
}
