import { Body, Param, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import type { MessageKey } from '../../common/i18n/catalogue';
import type { Event } from '../../events/entities/event.entity';
import { EventsService } from '../../events/events.service';
import { ExhibitorsService } from '../../exhibitors/exhibitors.service';
import { PlaceDto, PutFloorPlanDto } from '../../floor/dto/floor-plan.dto';
import type { PlanProblem } from '../../floor/floor-plan-rules';
import { FloorService } from '../../floor/floor.service';
import { SlotsService } from '../../slots/slots.service';
import { VolunteersService } from '../../volunteers/volunteers.service';
import { field, FormBody } from '../layout/form';
import { FormErrors, formDto } from '../layout/form-dto';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { PageResult, redirect } from '../layout/page-result';
import { placeFormValues, readPlaceForm } from './floor-place-form';
import { PlaceChoices, placeFormPage, PlaceRefusal } from './floor-place.page';
import { floorPage, FloorUpload } from './floor.page';

/** Times in a problem's parameters (ISO 8601), as people read them in the event's zone. */
const PROBLEM_TIMES = ['at', 'from', 'to'];

/** A plan's problem in the reader's words (the catalogue's, not the API's English reason). */
function problemText(problem: PlanProblem, ctx: PageContext, zone: string): string {
  const params = Object.fromEntries(
    Object.entries(problem.params).map(([name, value]) => [name, PROBLEM_TIMES.includes(name) ? ctx.time.dateTime(new Date(value), zone) : value]),
  );
  return ctx.t('console.floor.problemOf', { label: problem.label, problem: ctx.t(`console.floor.problem.${problem.code}`, params) });
}

/** A refusal of the floor plan's service, in words; undefined for what is not a refusal. */
function refusalOf(error: unknown, ctx: PageContext, zone: string, staleKey: MessageKey = 'console.floor.placeStale'): { refusal: PlaceRefusal; status: number } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'FLOOR_PLAN_INVALID') {
    const problems = (error.details?.problems as PlanProblem[] | undefined) ?? [];
    return { refusal: { problems: problems.map((p) => problemText(p, ctx, zone)) }, status: 422 };
  }
  if (error.code === 'FLOOR_PLAN_STALE') return { refusal: { error: ctx.t(staleKey) }, status: 409 };
  return undefined;
}

/**
 * The floor plan in the console: the map, its places each edited by a form (issue 13) or
 * removed, and the JSON upload. Every change goes through the floor plan's service, so a form
 * is refused for the same reasons as a PUT of the API.
 */
@PageController('console')
@Roles('staff')
export class FloorPageController {
  constructor(
    private readonly events: EventsService,
    private readonly floor: FloorService,
    private readonly exhibitors: ExhibitorsService,
    private readonly volunteers: VolunteersService,
    private readonly slots: SlotsService,
  ) {}

  @PageGet('events/:id/floor')
  async floorPlan(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return this.showFloor(ctx, id, principal);
  }

  /** A floor plan JSON file (as GET /api/events/{id}/floor-plan gives it) replaces the plan; each problem is listed. */
  @PagePost('events/:id/floor')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 5 } }))
  async uploadFloor(
    @Param('id', UuidParam('Event')) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Ctx() ctx: PageContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    let parsed: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(file?.buffer.toString('utf8') ?? '');
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('not an object');
      parsed = value as Record<string, unknown>;
    } catch {
      return this.showFloor(ctx, id, principal, { error: ctx.t('console.floor.notJson') }, 422);
    }
    const current = await this.floor.get(id, principal);
    // A plan saved from this page or the API carries its version; one made elsewhere replaces the current one.
    const plain = { version: parsed.version ?? current.version, halls: parsed.halls };
    const { dto, errors } = await formDto(PutFloorPlanDto, plain, ctx.t);
    if (errors) return this.showFloor(ctx, id, principal, { problems: Object.keys(errors).map((field) => ctx.t('console.floor.badField', { field })) }, 422);
    try {
      await this.floor.put(id, dto, undefined);
    } catch (error) {
      const refused = refusalOf(error, ctx, (await this.events.findOrFail(id)).timezone, 'console.floor.stale');
      if (!refused) throw error;
      return this.showFloor(ctx, id, principal, refused.refusal, refused.status);
    }
    return redirect(`/console/events/${id}/floor`, 'floor-saved');
  }

  /** Issue 13: the form of one place (`?label=`), or of a new one (no label). */
  @PageGet('events/:id/floor/place')
  async placeForm(
    @Param('id', UuidParam('Event')) id: string,
    @Query('label') label: unknown,
    @Ctx() ctx: PageContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    const [event, plan] = await Promise.all([this.events.findOrFail(id), this.floor.get(id, principal)]);
    const wanted = typeof label === 'string' && label !== '' ? label : undefined;
    const hall = wanted === undefined ? plan.halls[0] : plan.halls.find((h) => h.places.some((p) => p.label === wanted));
    const place = hall?.places.find((p) => p.label === wanted);
    // No such place, or a new one in a plan without halls (the floor page says to upload one first).
    if (!hall || (wanted !== undefined && !place)) throw notFound('Place');
    return placeFormPage(ctx, event, placeFormValues(plan.version, hall.key, place, event.timezone), await this.choices(event, plan.halls));
  }

  /** Issue 13: saves one place into the plan of the version the form was loaded from. */
  @PagePost('events/:id/floor/place')
  async savePlace(@Param('id', UuidParam('Event')) id: string, @Body() body: FormBody, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    const { values, plain } = readPlaceForm(body, event.timezone);
    const again = async (errors: FormErrors, refusal: PlaceRefusal, status: number) =>
      placeFormPage(ctx, event, values, await this.choices(event, (await this.floor.get(id, principal)).halls), errors, refusal, status);
    const version = /^\d{1,9}$/.test(values.version) ? Number(values.version) : undefined;
    if (version === undefined) return again({}, { error: ctx.t('console.floor.badVersion') }, 422);
    const { dto, errors } = await formDto(PlaceDto, plain, ctx.t);
    if (errors) return again(errors, {}, 422);
    try {
      await this.floor.putPlace(id, version, values.original || undefined, values.hall, dto);
    } catch (error) {
      const refused = refusalOf(error, ctx, event.timezone);
      if (!refused) throw error;
      return again({}, refused.refusal, refused.status);
    }
    return redirect(`/console/events/${id}/floor`, 'floor-saved');
  }

  /** Issue 13: removes one place from the plan of the version the page showed. */
  @PagePost('events/:id/floor/place/remove')
  async removePlace(@Param('id', UuidParam('Event')) id: string, @Body() body: FormBody, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const version = field(body, 'version');
    if (!/^\d{1,9}$/.test(version)) return this.showFloor(ctx, id, principal, { error: ctx.t('console.floor.badVersion'), places: true }, 422);
    try {
      await this.floor.removePlace(id, Number(version), field(body, 'label'));
    } catch (error) {
      const refused = refusalOf(error, ctx, (await this.events.findOrFail(id)).timezone);
      if (!refused) throw error;
      return this.showFloor(ctx, id, principal, { ...refused.refusal, places: true }, refused.status);
    }
    return redirect(`/console/events/${id}/floor`, 'floor-saved');
  }

  private async showFloor(ctx: PageContext, id: string, principal: Principal, upload?: FloorUpload, status = 200): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    const [svg, plan, exhibitors] = await Promise.all([this.floor.svg(id, principal, {}), this.floor.get(id, principal), this.exhibitors.namesOf(id)]);
    const volunteerIds = [...new Set(plan.halls.flatMap((h) => h.places.flatMap((p) => (p.assignments ?? []).map((a) => a.volunteerId))))];
    const volunteers = new Map((await this.volunteers.findByIds(volunteerIds)).map((v) => [v.id, v.name]));
    return floorPage(ctx, event, svg, plan, { exhibitors, volunteers }, upload, status);
  }

  /** The halls of the plan, and the event's exhibitors and volunteers by name. */
  private async choices(event: Event, halls: PlaceChoices['halls']): Promise<PlaceChoices> {
    const [exhibitors, volunteerIds] = await Promise.all([this.exhibitors.namesOf(event.id), this.slots.volunteersOfEvent(event.id)]);
    const volunteers = await this.volunteers.findByIds(volunteerIds);
    const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1]);
    return {
      halls,
      exhibitors: [...exhibitors].sort(byName),
      volunteers: volunteers.map((v): [string, string] => [v.id, v.organization ? `${v.name} (${v.organization})` : v.name]).sort(byName),
    };
  }
}
