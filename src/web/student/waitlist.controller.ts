import { Body, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import { OffersService } from '../../waitlist/offers.service';
import { WaitlistService } from '../../waitlist/waitlist.service';
import { field, FormBody } from '../layout/form';
import type { NoticeName, PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { PageResult, redirect } from '../layout/page-result';
import { offerPage } from './offer.page';

/** Refusals of joining or accepting that the student is shown as a notice, by error code. */
const NOTICES: Record<string, NoticeName> = {
  WAITLIST_ALREADY_JOINED: 'waitlist-already',
  WAITLIST_CLOSED: 'waitlist-closed',
  OFFER_CLOSED: 'offer-closed',
  SLOT_TAKEN: 'slot-taken',
  SLOT_HELD: 'slot-taken',
  BOOKING_OVERLAP: 'booking-overlap',
  ORGANIZATION_ALREADY_BOOKED: 'organization-booked',
  BOOKING_LIMIT: 'booking-limit',
  BOOKING_CLOSED: 'booking-closed',
};

/** Issue 12, students: joining and leaving an event's waitlist, and answering an offer (the page its mail links to). */
@PageController()
export class WaitlistPagesController {
  constructor(
    private readonly waitlist: WaitlistService,
    private readonly offers: OffersService,
  ) {}

  @PagePost('event/:eventId/waitlist')
  @Roles('student')
  async join(@Param('eventId', UuidParam('Event')) eventId: string, @Body() body: FormBody, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const expertise = field(body, 'expertise');
    return this.answer(`/event/${eventId}`, 'waitlist', async () => {
      await this.waitlist.join(eventId, expertise ? { expertise } : {}, principal);
      return redirect(`/event/${eventId}`, 'waitlist-joined', 'waitlist');
    });
  }

  @PagePost('my/waitlist/:id/leave')
  @Roles('student')
  async leave(@Param('id', UuidParam('Waitlist entry')) id: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const entry = await this.waitlist.leave(id, principal);
    return redirect(`/event/${entry.eventId}`, 'waitlist-left', 'waitlist');
  }

  @PageGet('my/offers/:id')
  @Roles('student')
  async offer(@Param('id', UuidParam('Offer')) id: string, @Query('answer') answer: unknown, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return offerPage(ctx, await this.offers.get(id, principal), answer === 'accept' || answer === 'decline' ? answer : undefined);
  }

  @PagePost('my/offers/:id/accept')
  @Roles('student')
  async accept(@Param('id', UuidParam('Offer')) id: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return this.answer(`/my/offers/${id}`, undefined, async () => redirect(`/interviews/${(await this.offers.accept(id, principal)).id}`, 'booked'));
  }

  @PagePost('my/offers/:id/decline')
  @Roles('student')
  async decline(@Param('id', UuidParam('Offer')) id: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return this.answer(`/my/offers/${id}`, undefined, async () => redirect(`/event/${(await this.offers.decline(id, principal)).eventId}`, 'offer-declined', 'waitlist'));
  }

  /** A refusal the student can act on goes back to `back` with its notice; anything else is an error page. */
  private async answer(back: string, fragment: string | undefined, work: () => Promise<PageResult>): Promise<PageResult> {
    try {
      return await work();
    } catch (error) {
      const notice = error instanceof DomainError ? NOTICES[error.code] : undefined;
      if (!notice) throw error;
      return redirect(back, notice, fragment);
    }
  }
}
