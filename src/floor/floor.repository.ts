import { Injectable } from '@nestjs/common';
import type { FloorPlanDocument } from './floor-plan.types';
import { Database, Tx } from '../database/database';

export interface StoredPlan {
  version: number;
  document: FloorPlanDocument;
  updatedAt: Date;
}

export interface BoothRow {
  exhibitorId: string;
  label: string;
  hall: string;
}

/** Rows per INSERT; at most 7 parameters a row keeps this far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1_000;

@Injectable()
export class FloorRepository {
  constructor(private readonly db: Database) {}

  async findPlan(eventId: string, tx: Tx = this.db.manager, lock = false): Promise<StoredPlan | null> {
    const rows: { version: number; document: FloorPlanDocument; updated_at: Date }[] = await tx.query(
      `SELECT version, document, updated_at FROM floor_plans WHERE event_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [eventId],
    );
    return rows[0] ? { version: rows[0].version, document: rows[0].document, updatedAt: rows[0].updated_at } : null;
  }

  /** The first plan of an event; false when another writer created one meanwhile. */
  async insertPlan(tx: Tx, eventId: string, document: FloorPlanDocument): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO floor_plans (event_id, version, document) VALUES ($1, 1, $2)
       ON CONFLICT (event_id) DO NOTHING RETURNING version`,
      [eventId, JSON.stringify(document)],
    );
    return rows.length === 1;
  }

  /** Called with the row locked (findPlan with lock), so the version cannot move underneath. */
  async updatePlan(tx: Tx, eventId: string, document: FloorPlanDocument): Promise<void> {
    await tx.query(`UPDATE floor_plans SET version = version + 1, document = $2, updated_at = now() WHERE event_id = $1`, [
      eventId,
      JSON.stringify(document),
    ]);
  }

  /** Replaces the normalized places and table assignments with those of the document. */
  async replacePlaces(tx: Tx, eventId: string, document: FloorPlanDocument): Promise<void> {
    await tx.query(`DELETE FROM floor_places WHERE event_id = $1`, [eventId]);
    const places = document.halls.flatMap((hall) => hall.places.map((place) => ({ hall, place })));
    const idOfLabel = new Map<string, string>();
    for (let start = 0; start < places.length; start += INSERT_CHUNK) {
      const chunk = places.slice(start, start + INSERT_CHUNK);
      const params = chunk.flatMap(({ hall, place }) => [eventId, place.label, place.kind, hall.name, place.exhibitorId ?? null]);
      const values = chunk.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5}::uuid)`).join(', ');
      const rows: { id: string; label: string }[] = await tx.query(
        `INSERT INTO floor_places (event_id, label, kind, hall_name, exhibitor_id) VALUES ${values} RETURNING id, label`,
        params,
      );
      for (const row of rows) idOfLabel.set(row.label, row.id);
    }
    const assignments = places.flatMap(({ place }) => (place.assignments ?? []).map((a) => ({ placeId: idOfLabel.get(place.label)!, ...a })));
    for (let start = 0; start < assignments.length; start += INSERT_CHUNK) {
      const chunk = assignments.slice(start, start + INSERT_CHUNK);
      const params = chunk.flatMap((a) => [eventId, a.placeId, a.volunteerId, a.startsAt, a.endsAt]);
      const values = chunk.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::timestamptz, $${i * 5 + 5}::timestamptz)`).join(', ');
      await tx.query(`INSERT INTO table_assignments (event_id, place_id, volunteer_id, starts_at, ends_at) VALUES ${values}`, params);
    }
  }

  async boothsOf(eventId: string): Promise<BoothRow[]> {
    const rows: { exhibitor_id: string; label: string; hall_name: string }[] = await this.db.query(
      `SELECT exhibitor_id, label, hall_name FROM floor_places WHERE event_id = $1 AND exhibitor_id IS NOT NULL`,
      [eventId],
    );
    return rows.map((r) => ({ exhibitorId: r.exhibitor_id, label: r.label, hall: r.hall_name }));
  }

  async locationOf(eventId: string, volunteerId: string, at: Date): Promise<string | null> {
    const rows: { location: string }[] = await this.db.query(
      `SELECT p.hall_name || ' · ' || p.label AS location
         FROM table_assignments a JOIN floor_places p ON p.id = a.place_id
        WHERE a.event_id = $1 AND a.volunteer_id = $2 AND tstzrange(a.starts_at, a.ends_at) @> $3::timestamptz`,
      [eventId, volunteerId, at],
    );
    return rows[0]?.location ?? null;
  }
}
