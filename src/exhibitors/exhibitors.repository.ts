import { Injectable } from '@nestjs/common';
import { In, Repository } from 'typeorm';
import { escapeLike } from '../common/database/sql';
import { Exhibitor } from './entities/exhibitor.entity';
import type { ExhibitorColumn, ExhibitorRow } from './exhibitor-csv';
import { Database } from '../database/database';

export interface ExhibitorFilter {
  industry?: string;
  major?: string;
  q?: string;
}

/** Column names from a fixed list, never from the file. */
const UPDATABLE: Record<Exclude<ExhibitorColumn, 'organization'>, string> = {
  industries: 'industries',
  roles: 'roles',
  majors: 'majors',
  website: 'website',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
};

/** 9 parameters a row; 2,000 rows stay far below PostgreSQL's 65,535 bind parameters. */
const UPSERT_CHUNK = 2_000;

@Injectable()
export class ExhibitorsRepository {
  constructor(private readonly db: Database) {}
  private get exhibitors(): Repository<Exhibitor> {
    return this.db.repository(Exhibitor);
  }

  create(fields: Partial<Exhibitor>): Promise<Exhibitor> {
    return this.exhibitors.save(this.exhibitors.create(fields));
  }

  save(exhibitor: Exhibitor): Promise<Exhibitor> {
    return this.exhibitors.save(exhibitor);
  }

  findInEvent(eventId: string, id: string): Promise<Exhibitor | null> {
    return this.exhibitors.findOneBy({ eventId, id });
  }

  async idsInEvent(eventId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.exhibitors.find({ select: { id: true }, where: { eventId, id: In(ids) } });
    return rows.map((r) => r.id);
  }

  async remove(eventId: string, id: string): Promise<boolean> {
    const result = await this.exhibitors.delete({ eventId, id });
    return (result.affected ?? 0) > 0;
  }

  search(eventId: string, filter: ExhibitorFilter): Promise<Exhibitor[]> {
    const query = this.exhibitors
      .createQueryBuilder('e')
      .where('e.event_id = :eventId', { eventId })
      .orderBy('lower(e.organization)')
      .addOrderBy('e.id');
    if (filter.industry) {
      query.andWhere('EXISTS (SELECT 1 FROM unnest(e.industries) i WHERE lower(i) = lower(:industry))', { industry: filter.industry.trim() });
    }
    if (filter.major) {
      query.andWhere('EXISTS (SELECT 1 FROM unnest(e.majors) m WHERE lower(m) = lower(:major))', { major: filter.major.trim() });
    }
    if (filter.q) query.andWhere('e.organization ILIKE :q', { q: `%${escapeLike(filter.q.trim())}%` });
    return query.getMany();
  }

  /**
   * Inserts or updates by organization name within the event, all rows in one transaction.
   * Updates set only `columns`, so a file without contact columns keeps the contacts.
   */
  upsertAll(eventId: string, rows: ExhibitorRow[], columns: ExhibitorColumn[]): Promise<{ created: number; updated: number }> {
    const updates = columns
      .filter((c) => c !== 'organization')
      .map((c) => UPDATABLE[c])
      .map((column) => `${column} = EXCLUDED.${column}`);
    return this.db.transaction(async (tx) => {
      let created = 0;
      for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
        const chunk = rows.slice(start, start + UPSERT_CHUNK);
        const params = chunk.flatMap((r) => [
          eventId,
          r.organization,
          r.industries,
          r.roles,
          r.majors,
          r.website,
          r.contactName,
          r.contactEmail,
          r.contactPhone,
        ]);
        const values = chunk
          .map((_, i) => `(${Array.from({ length: 9 }, (_, k) => `$${i * 9 + k + 1}`).join(', ')})`)
          .join(', ');
        const result: { inserted: boolean }[] = await tx.query(
          `INSERT INTO exhibitors (event_id, organization, industries, roles, majors, website, contact_name, contact_email, contact_phone)
           VALUES ${values}
           ON CONFLICT (event_id, organization) DO UPDATE SET ${[...updates, 'updated_at = now()'].join(', ')}
           RETURNING (xmax = 0) AS inserted`,
          params,
        );
        created += result.filter((r) => r.inserted).length;
      }
      return { created, updated: rows.length - created };
    });
  }
}
