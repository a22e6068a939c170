import { Injectable } from '@nestjs/common';
import { IsNull, Raw, Repository } from 'typeorm';
import { escapeLike } from '../common/database/sql';
import { Volunteer } from './entities/volunteer.entity';
import { Database, Tx } from '../database/database';

@Injectable()
export class VolunteersRepository {
  constructor(private readonly db: Database) {}
  private get volunteers(): Repository<Volunteer> {
    return this.db.repository(Volunteer);
  }

  create(fields: Partial<Volunteer>): Promise<Volunteer> {
    return this.volunteers.save(this.volunteers.create(fields));
  }

  /**
   * Issue 13's import: adds the volunteers whose address is new, in the caller's transaction,
   * in one statement; returns how many were added.
   */
  async insertNew(tx: Tx, rows: Pick<Volunteer, 'name' | 'email' | 'organization' | 'organizationId' | 'title' | 'expertise'>[]): Promise<number> {
    let added = 0;
    // One jsonb parameter per chunk; chunks keep each statement's input a few MB at most.
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000).map((r) => ({ name: r.name, email: r.email, organization: r.organization, organization_id: r.organizationId, title: r.title, expertise: r.expertise }));
      const inserted: unknown[] = await tx.query(
        `INSERT INTO volunteers (name, email, organization, organization_id, title, expertise)
         SELECT r.name, r.email, r.organization, r.organization_id, r.title, ARRAY(SELECT jsonb_array_elements_text(r.expertise))
           FROM jsonb_to_recordset($1::jsonb) AS r(name text, email text, organization text, organization_id uuid, title text, expertise jsonb)
         ON CONFLICT (email) DO NOTHING
         RETURNING id`,
        [JSON.stringify(chunk)],
      );
      added += inserted.length;
    }
    return added;
  }

  findById(id: string): Promise<Volunteer | null> {
    return this.volunteers.findOneBy({ id });
  }

  /** One array parameter, so any number of ids stays below PostgreSQL's 65,535 bind parameters. */
  findByIds(ids: string[]): Promise<Volunteer[]> {
    return ids.length ? this.volunteers.findBy({ id: Raw((column) => `${column} = ANY(:ids::uuid[])`, { ids }) }) : Promise.resolve([]);
  }

  /** A volunteer whose account is open (not deleted). */
  findByEmail(email: string): Promise<Volunteer | null> {
    return this.volunteers.findOneBy({ email, deletedAt: IsNull() });
  }

  /** Changes an open account's fields; null when there is none. */
  async update(id: string, fields: Partial<Pick<Volunteer, 'name' | 'email' | 'organization' | 'organizationId' | 'title' | 'expertise'>>): Promise<Volunteer | null> {
    if (Object.keys(fields).length) await this.volunteers.update({ id, deletedAt: IsNull() }, fields);
    return this.volunteers.findOneBy({ id, deletedAt: IsNull() });
  }

  /** Closes the account (issue 13's deletion, first step); false when there is no open one. */
  async close(tx: Tx, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await tx.query(`UPDATE volunteers SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`, [id]);
    return rows.length > 0;
  }

  /** Erases a closed account's personal data, keeping the row its past interviews point at. */
  async erase(id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.db.query(
      `UPDATE volunteers SET name = 'Deleted volunteer', email = 'deleted-' || id || '@deleted.invalid', title = '', expertise = '{}', erased_at = now()
        WHERE id = $1 AND deleted_at IS NOT NULL AND erased_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Keyset page ordered by (name, id); optional search in name, e-mail and organization. */
  page(limit: number, after?: [string, string], search?: string): Promise<Volunteer[]> {
    const query = this.volunteers.createQueryBuilder('v').where('v.deleted_at IS NULL').orderBy('v.name').addOrderBy('v.id').limit(limit);
    if (after) query.andWhere('(v.name, v.id) > (:name, :id)', { name: after[0], id: after[1] });
    if (search) {
      query.andWhere('(v.name ILIKE :q OR v.email ILIKE :q OR v.organization ILIKE :q)', { q: `%${escapeLike(search)}%` });
    }
    return query.getMany();
  }
}
