import { Injectable } from '@nestjs/common';
import { isStaff, Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { mapConstraint } from '../common/errors/pg-errors';
import { TableStatistics } from '../database/table-statistics';
import { EventsService } from '../events/events.service';
import { CreateExhibitorDto, ExhibitorImportResult, ExhibitorQuery, ExhibitorResponse, UpdateExhibitorDto } from './dto/exhibitor.dto';
import { Exhibitor } from './entities/exhibitor.entity';
import { parseExhibitorCsv } from './exhibitor-csv';
import { EXHIBITOR_CONSTRAINTS, ExhibitorErrors } from './exhibitors.errors';
import { ExhibitorsRepository } from './exhibitors.repository';

@Injectable()
export class ExhibitorsService {
  constructor(
    private readonly exhibitors: ExhibitorsRepository,
    private readonly events: EventsService,
    private readonly statistics: TableStatistics,
  ) {}

  async create(eventId: string, dto: CreateExhibitorDto): Promise<ExhibitorResponse> {
    await this.events.findOrFail(eventId);
    return toExhibitorResponse(await this.unique(() => this.exhibitors.create({ ...dto, eventId })), true);
  }

  async update(eventId: string, id: string, dto: UpdateExhibitorDto): Promise<ExhibitorResponse> {
    const exhibitor = await this.findOrFail(eventId, id);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    return toExhibitorResponse(await this.unique(() => this.exhibitors.save(Object.assign(exhibitor, changes))), true);
  }

  async remove(eventId: string, id: string): Promise<void> {
    await this.findOrFail(eventId, id);
    try {
      await this.exhibitors.remove(eventId, id);
    } catch (error) {
      throw mapConstraint(error, EXHIBITOR_CONSTRAINTS) ?? error;
    }
  }

  /** All-or-nothing: any bad row rejects the whole file with every bad row listed. */
  async importCsv(eventId: string, text: string): Promise<ExhibitorImportResult> {
    await this.events.findOrFail(eventId);
    const parsed = parseExhibitorCsv(text);
    if (!parsed.ok) throw ExhibitorErrors.importRejected(parsed.errors);
    const counts = await this.exhibitors.upsertAll(eventId, parsed.rows, parsed.columns);
    await this.statistics.wrote('exhibitors', parsed.rows.length);
    return { total: parsed.rows.length, ...counts };
  }

  /** Exhibitors of an event this principal may see; contact details for staff only. */
  async search(eventId: string, query: ExhibitorQuery, principal: Principal): Promise<ExhibitorResponse[]> {
    await this.events.findVisible(eventId, principal);
    const rows = await this.exhibitors.search(eventId, query);
    return rows.map((e) => toExhibitorResponse(e, isStaff(principal)));
  }

  async get(eventId: string, id: string, principal: Principal): Promise<ExhibitorResponse> {
    await this.events.findVisible(eventId, principal);
    return toExhibitorResponse(await this.findOrFail(eventId, id), isStaff(principal));
  }

  /** For the floor plan: which of these ids are exhibitors of the event. */
  async existingIds(eventId: string, ids: string[]): Promise<Set<string>> {
    return new Set(await this.exhibitors.idsInEvent(eventId, ids));
  }

  /** For the floor plan's map: organization names by id. */
  async namesOf(eventId: string): Promise<Map<string, string>> {
    const rows = await this.exhibitors.search(eventId, {});
    return new Map(rows.map((e) => [e.id, e.organization]));
  }

  private async findOrFail(eventId: string, id: string): Promise<Exhibitor> {
    const exhibitor = await this.exhibitors.findInEvent(eventId, id);
    if (!exhibitor) throw notFound('Exhibitor');
    return exhibitor;
  }

  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw mapConstraint(error, EXHIBITOR_CONSTRAINTS) ?? error;
    }
  }
}

export function toExhibitorResponse(e: Exhibitor, withContact: boolean): ExhibitorResponse {
  return {
    id: e.id,
    eventId: e.eventId,
    organization: e.organization,
    industries: e.industries,
    roles: e.roles,
    majors: e.majors,
    website: e.website,
    ...(withContact ? { contact: { name: e.contactName, email: e.contactEmail, phone: e.contactPhone } } : {}),
  };
}
