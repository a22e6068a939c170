import type { FeedKey } from '../../calendar/calendar.repository';
import { CalendarService } from '../../calendar/calendar.service';
import { calendarUrlResponse } from '../../calendar/dto/calendar.dto';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { redirect, PageResult } from '../layout/page-result';
import { calendarPage } from './calendar.page';

/** The personal calendar subscription of a student or volunteer. */
@PageController('my/calendar')
export class CalendarPageController {
  constructor(private readonly calendar: CalendarService) {}

  @PageGet('')
  @Roles('student', 'volunteer')
  async show(@Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return calendarPage(ctx, calendarUrlResponse(await this.calendar.urlFor(ownFeed(principal))));
  }

  /** A new address; calendars subscribed to the old one stop receiving updates. */
  @PagePost('rotate')
  @Roles('student', 'volunteer')
  async rotate(@CurrentPrincipal() principal: Principal): Promise<PageResult> {
    await this.calendar.rotate(ownFeed(principal));
    return redirect('/my/calendar', 'calendar-rotated');
  }
}

function ownFeed(principal: Principal): FeedKey {
  if (principal.role === 'staff') throw new Error('Roles guard lets only students and volunteers here');
  return { owner: principal.role, id: principal.id, audience: 'owner' };
}
