import { Injectable, Logger } from '@nestjs/common';
import { BookingChangeLog } from '../bookings/booking-change-log';
import { BookingsService } from '../bookings/bookings.service';
import type { Principal } from '../common/auth/principal';
import { mapConstraint } from '../common/errors/pg-errors';
import { toZonedIso } from '../common/time/zoned';
import { Database, Tx } from '../database/database';
import type { Event } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { ExhibitorsService } from '../exhibitors/exhibitors.service';
import { SlotsService } from '../slots/slots.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { notFound } from '../common/errors/domain-error';
import { FloorPlanResponse, PlaceDto, PutFloorPlanDto } from './dto/floor-plan.dto';
import { PlaceEditMiss, withoutPlace, withPlace } from './floor-place-edit';
import { locationInPlan } from './floor-location';
import { checkFloorPlan, planProblem } from './floor-plan-rules';
import type { FloorPlanDocument, PlaceDoc } from './floor-plan.types';
import { FLOOR_CONSTRAINTS, FloorErrors } from './floor.errors';
import { BoothRow, FloorRepository, StoredPlan } from './floor.repository';
import { releaseVolunteer } from './release-volunteer';
import { renderFloorPlanSvg } from './svg/floor-plan-svg';

/** What the caller sent as If-Match: absent, `*`, or a list of entity tags. */
export type IfMatch = undefined | '*' | string[];

@Injectable()
export class FloorService {
  private readonly logger = new Logger(FloorService.name);

  constructor(
    private readonly db: Database,
    private readonly floor: FloorRepository,
    private readonly events: EventsService,
    private readonly exhibitors: ExhibitorsService,
    private readonly slots: SlotsService,
    private readonly bookings: BookingsService,
    private readonly changes: BookingChangeLog,
    private readonly volunteers: VolunteersService,
  ) {}

  async get(eventId: string, principal: Principal): Promise<FloorPlanResponse> {
    const event = await this.events.findVisible(eventId, principal);
    return toResponse(event, await this.floor.findPlan(eventId));
  }

  /**
   * Replaces the whole plan if `dto.version` (and If-Match, when sent) is the current version.
   * Every problem is reported at once and nothing is stored. Bookings whose interview moves to
   * another table (or hall) are logged as updated in the same transaction.
   */
  async put(eventId: string, dto: PutFloorPlanDto, ifMatch: IfMatch): Promise<FloorPlanResponse> {
    return this.store(eventId, dto.version, toDocument(dto), ifMatch);
  }

  /**
   * Issue 13, the console's form per place: adds a place (no `original`) or replaces the one
   * labelled `original`, in hall `hallKey`, in the plan of `version`; the whole plan is then
   * checked and stored as a PUT stores it (FLOOR_PLAN_STALE, FLOOR_PLAN_INVALID alike).
   */
  async putPlace(eventId: string, version: number, original: string | undefined, hallKey: string, place: PlaceDto): Promise<FloorPlanResponse> {
    const current = await this.current(eventId, version);
    return this.store(eventId, version, editedOrFail(withPlace(current, original, hallKey, toPlaceDoc(place)), hallKey), undefined);
  }

  /** Issue 13: removes the place labelled `label` from the plan of `version`. */
  async removePlace(eventId: string, version: number, label: string): Promise<FloorPlanResponse> {
    const current = await this.current(eventId, version);
    return this.store(eventId, version, editedOrFail(withoutPlace(current, label), ''), undefined);
  }

  /** The stored plan an edit starts from, when it is still the one of `version`. */
  private async current(eventId: string, version: number): Promise<FloorPlanDocument> {
    await this.events.findOrFail(eventId);
    const plan = await this.floor.findPlan(eventId);
    if ((plan?.version ?? 0) !== version) throw FloorErrors.stale(plan?.version ?? 0);
    return plan?.document ?? { halls: [] };
  }

  private async store(eventId: string, version: number, document: FloorPlanDocument, ifMatch: IfMatch): Promise<FloorPlanResponse> {
    const event = await this.events.findOrFail(eventId);
    // Checked before the transaction so it holds no lock while reading; an exhibitor deleted in
    // between still fails on the foreign key below.
    const problems = checkFloorPlan(document, await this.references(eventId, document));
    if (problems.length) throw FloorErrors.invalid(problems);
    try {
      await this.db.transaction(async (tx) => {
        const current = await this.floor.findPlan(eventId, tx, true);
        const currentVersion = current?.version ?? 0;
        if (ifMatch !== undefined && !etagMatches(ifMatch, current)) throw FloorErrors.preconditionFailed(currentVersion);
        if (version !== currentVersion) throw FloorErrors.stale(currentVersion);
        if (current) await this.floor.updatePlan(tx, eventId, document);
        else if (!(await this.floor.insertPlan(tx, eventId, document))) throw FloorErrors.stale(currentVersion + 1);
        await this.floor.replacePlaces(tx, eventId, document);

        const before = current?.document ?? { halls: [] };
        const volunteerIds = [...new Set([...volunteersOf(before), ...volunteersOf(document)])];
        const moved = (await this.bookings.confirmedForVolunteers(tx, eventId, volunteerIds))
          .filter((b) => locationInPlan(before, b.volunteerId, b.startsAt) !== locationInPlan(document, b.volunteerId, b.startsAt))
          .map((b) => b.id);
        if (moved.length) {
          await this.changes.record(tx, moved, 'updated');
          this.logger.log({ eventId, bookings: moved.length }, 'floor plan moved booked interviews');
        }
      });
    } catch (error) {
      throw mapConstraint(error, FLOOR_CONSTRAINTS) ?? error;
    }
    return toResponse(event, await this.floor.findPlan(eventId));
  }

  /**
   * For a volunteer's withdrawal, in its transaction, after their interviews were cancelled:
   * they leave their tables (a new plan version), so the map no longer shows them and the next
   * save does not trip over someone gone. Interviews they still hold (ones that had started)
   * keep their table, so no booking's location changes.
   */
  async releaseVolunteer(tx: Tx, eventId: string, volunteerId: string): Promise<void> {
    const current = await this.floor.findPlan(eventId, tx, true);
    if (!current) return;
    const held = await this.bookings.confirmedForVolunteers(tx, eventId, [volunteerId]);
    const document = releaseVolunteer(current.document, volunteerId, held);
    if (!document) return;
    await this.floor.updatePlan(tx, eventId, document);
    await this.floor.replacePlaces(tx, eventId, document);
    this.logger.log({ eventId, volunteerId, version: current.version + 1 }, 'Withdrawn volunteer taken off the floor plan');
  }

  /**
   * The map as SVG, for anyone who may see the event. Volunteers' names and organizations are
   * on it for students too, as in the slot listings; their e-mail addresses are not.
   */
  async svg(eventId: string, principal: Principal, highlight: { label?: string; exhibitorId?: string }, at?: Date): Promise<string> {
    const event = await this.events.findVisible(eventId, principal);
    const [plan, names] = await Promise.all([this.floor.findPlan(eventId), this.exhibitors.namesOf(eventId)]);
    const document = plan?.document ?? { halls: [] };
    const volunteers = await this.volunteers.findByIds([...volunteersOf(document)]);
    let label = highlight.label;
    if (highlight.exhibitorId) {
      label = document.halls.flatMap((h) => h.places).find((p) => p.exhibitorId === highlight.exhibitorId)?.label ?? label;
    }
    return renderFloorPlanSvg({
      title: event.name,
      plan: document,
      exhibitorNames: names,
      highlight: label,
      volunteers: new Map(volunteers.map((v) => [v.id, { name: v.name, organization: v.organization }])),
      at,
      timezone: event.timezone,
    });
  }

  /** Where a volunteer's interviews take place at `at`, e.g. "Hall B · Table 12"; null when not on the plan. */
  locationFor(eventId: string, volunteerId: string, at: Date): Promise<string | null> {
    return this.floor.locationOf(eventId, volunteerId, at);
  }

  /** For many look-ups at once (a printed schedule): one read, then locations from memory. */
  async locator(eventId: string): Promise<(volunteerId: string, at: Date) => string | null> {
    const plan = (await this.floor.findPlan(eventId))?.document ?? { halls: [] };
    return (volunteerId, at) => locationInPlan(plan, volunteerId, at);
  }

  /** Booths by exhibitor id, for the exhibitor directory. */
  async boothsOf(eventId: string): Promise<Map<string, BoothRow>> {
    return new Map((await this.floor.boothsOf(eventId)).map((b) => [b.exhibitorId, b]));
  }

  private async references(eventId: string, document: FloorPlanDocument) {
    const places = document.halls.flatMap((h) => h.places);
    const exhibitorIds = [...new Set(places.flatMap((p) => (p.exhibitorId ? [p.exhibitorId] : [])))];
    const [exhibitors, volunteers] = await Promise.all([
      this.exhibitors.existingIds(eventId, exhibitorIds),
      this.slots.volunteersInEvent(eventId, [...volunteersOf(document)]),
    ]);
    return { exhibitorIds: exhibitors, volunteerIds: volunteers };
  }
}

export const etagOf = (version: number) => `"${version}"`;

/** RFC 9110 §13.1.1: `*` matches any current plan; tags compare strongly (a weak tag never matches). */
function etagMatches(ifMatch: '*' | string[], current: StoredPlan | null): boolean {
  if (ifMatch === '*') return current !== null;
  return ifMatch.includes(etagOf(current?.version ?? 0));
}

function volunteersOf(plan: FloorPlanDocument): Set<string> {
  return new Set(plan.halls.flatMap((h) => h.places.flatMap((p) => (p.assignments ?? []).map((a) => a.volunteerId))));
}

function toDocument(dto: PutFloorPlanDto): FloorPlanDocument {
  return {
    halls: dto.halls.map((h) => ({
      key: h.key,
      name: h.name,
      width: h.width,
      height: h.height,
      places: h.places.map(toPlaceDoc),
    })),
  };
}

function toPlaceDoc(p: PlaceDto): PlaceDoc {
  return {
    label: p.label,
    kind: p.kind,
    x: p.x,
    y: p.y,
    width: p.width,
    height: p.height,
    rotation: p.rotation ?? 0,
    ...(p.exhibitorId ? { exhibitorId: p.exhibitorId } : {}),
    ...(p.assignments?.length
      ? {
          assignments: p.assignments.map((a) => ({
            volunteerId: a.volunteerId,
            startsAt: a.startsAt.toISOString(),
            endsAt: a.endsAt.toISOString(),
          })),
        }
      : {}),
  };
}

/** A single-place edit's plan, or its refusal: no such place (404), no such hall (a plan problem, 422). */
function editedOrFail(edited: FloorPlanDocument | PlaceEditMiss, hallKey: string): FloorPlanDocument {
  if (edited === 'place') throw notFound('Place');
  if (edited === 'hall') throw FloorErrors.invalid([planProblem(hallKey, 'noSuchHall')]);
  return edited;
}

/** The stored plan, with its times in the event's zone like every time the API returns. */
function toResponse(event: Event, plan: StoredPlan | null): FloorPlanResponse {
  const zoned = (iso: string) => toZonedIso(new Date(iso), event.timezone);
  return {
    eventId: event.id,
    version: plan?.version ?? 0,
    halls: (plan?.document.halls ?? []).map((hall) => ({
      ...hall,
      places: hall.places.map((place) =>
        place.assignments ? { ...place, assignments: place.assignments.map((a) => ({ ...a, startsAt: zoned(a.startsAt), endsAt: zoned(a.endsAt) })) } : place,
      ),
    })),
    updatedAt: plan ? toZonedIso(plan.updatedAt, event.timezone) : null,
  };
}
