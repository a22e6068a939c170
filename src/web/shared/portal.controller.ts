import { Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Roles, StaffRoles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { UuidParam } from '../../common/http/uuid-param';
import { EventsService } from '../../events/events.service';
import { EligibilityService } from '../../eligibility/eligibility.service';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet } from '../layout/page-decorators';
import { PageResult, redirect } from '../layout/page-result';
import { CONSOLE_HOME } from '../staff/console';
import { staffHomePage } from '../staff/home.page';
import { staffEventPage } from '../staff/event.page';
import { studentEventPage, SlotFilterValues } from '../student/event.page';
import { studentHomePage } from '../student/home.page';
import { StudentPagesService } from '../student/student-pages.service';
import { volunteerEventPage } from '../volunteer/event.page';
import { volunteerHomePage } from '../volunteer/home.page';
import { VolunteerPagesService } from '../volunteer/volunteer-pages.service';

const TAG = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The two pages every signed-in person has, each shown as their role needs it: home and an event. */
@PageController()
export class PortalController {
  constructor(
    private readonly students: StudentPagesService,
    private readonly volunteers: VolunteerPagesService,
    private readonly events: EventsService,
    private readonly eligibility: EligibilityService,
  ) {}

  @PageGet('home')
  @Roles('student', 'volunteer', 'staff')
  @StaffRoles('admin', 'staff', 'desk')
  async home(@Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    switch (principal.role) {
      case 'student': {
        const { name, events, strikes } = await this.students.home(principal, ctx.now);
        return studentHomePage(ctx, name, events, strikes);
      }
      case 'volunteer': {
        const { name, events } = await this.volunteers.home(principal, ctx.now);
        return volunteerHomePage(ctx, name, events);
      }
      case 'staff':
        if (principal.staffRole === 'desk') return redirect(CONSOLE_HOME.desk);
        return staffHomePage(ctx, await this.events.findAllVisible(principal));
    }
  }

  @PageGet('event/:eventId')
  @Roles('student', 'volunteer', 'staff')
  async event(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Query() query: Record<string, unknown>,
    @Ctx() ctx: PageContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    switch (principal.role) {
      case 'student':
        return studentEventPage(ctx, await this.students.event(eventId, principal, slotFilters(query), ctx.now));
      case 'volunteer': {
        const { event, availability, interviews } = await this.volunteers.event(eventId, principal);
        return volunteerEventPage(ctx, event, availability, interviews);
      }
      case 'staff': {
        const event = await this.events.findVisible(eventId, principal);
        return staffEventPage(ctx, event, await this.eligibility.get(event.id));
      }
    }
  }
}

/** The slot filters of the query string; anything malformed is no filter, not an error. */
function slotFilters(query: Record<string, unknown>): SlotFilterValues {
  const text = (value: unknown, max: number) => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined);
  const expertise = text(query.expertise, 40);
  const timeOfDay = query.timeOfDay;
  return {
    expertise: expertise && TAG.test(expertise) ? expertise : undefined,
    organization: text(query.organization, 200),
    timeOfDay: timeOfDay === 'morning' || timeOfDay === 'afternoon' || timeOfDay === 'evening' ? timeOfDay : undefined,
    view: query.view === 'volunteer' ? 'volunteer' : 'time',
    cursor: text(query.cursor, 200),
  };
}

