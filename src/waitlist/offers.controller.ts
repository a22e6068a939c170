import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { BookingResponse } from '../bookings/dto/booking.dto';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { OfferResponse } from './dto/waitlist.dto';
import { OffersService } from './offers.service';

@ApiTags('waitlist')
@Controller('offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  /** The caller's offers, newest first, in every state (offered, accepted, declined, expired, withdrawn). */
  @Get('me')
  @Roles('student')
  mine(@CurrentPrincipal() principal: Principal): Promise<OfferResponse[]> {
    return this.offers.mine(principal);
  }

  /** One offer: its student's or, for staff, any. */
  @Get(':id')
  @Roles('student', 'staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  get(@Param('id', UuidParam('Offer')) id: string, @CurrentPrincipal() principal: Principal): Promise<OfferResponse> {
    return this.offers.get(id, principal);
  }

  /** Accepts the offer: books its slot as a normal booking (calendar invites follow). */
  @Post(':id/accept')
  @Roles('student')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: BookingResponse })
  @ApiErrors({
    404: 'NOT_FOUND',
    409: 'OFFER_CLOSED (details.state: accepted, declined, expired or withdrawn), or a booking refusal such as BOOKING_OVERLAP',
    422: 'A booking refusal such as BOOKING_LIMIT or BOOKING_CLOSED',
  })
  accept(@Param('id', UuidParam('Offer')) id: string, @CurrentPrincipal() principal: Principal): Promise<BookingResponse> {
    return this.offers.accept(id, principal);
  }

  /** Declines the offer: the slot goes to the next in line; the student stays in line for others. */
  @Post(':id/decline')
  @Roles('student')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 404: 'NOT_FOUND', 409: 'OFFER_CLOSED' })
  decline(@Param('id', UuidParam('Offer')) id: string, @CurrentPrincipal() principal: Principal): Promise<OfferResponse> {
    return this.offers.decline(id, principal);
  }
}
