import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { BookingMovesService } from './booking-moves.service';
import { BookingsService } from './bookings.service';
import { BookingResponse, CreateBookingDto, MoveBookingDto } from './dto/booking.dto';

@ApiTags('bookings')
@Controller()
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly moves: BookingMovesService,
  ) {}

  /** Books a slot first-come. Retrying with the same Idempotency-Key returns the first answer. */
  @Post('bookings')
  @Roles('student', 'staff')
  @HttpCode(HttpStatus.CREATED)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string (e.g. a UUID) per booking attempt' })
  @ApiCreatedResponse({ type: BookingResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED or INVALID_IDEMPOTENCY_KEY',
    404: 'NOT_FOUND: slot, event or student',
    409:
      'SLOT_TAKEN, SLOT_HELD (held for a waitlist offer), ALREADY_BOOKED (the student holds this slot; details.bookingId), ' +
      'BOOKING_OVERLAP or BOOKING_TOO_CLOSE (details.minGapMinutes)',
    422:
      'BOOKING_LIMIT, BOOKING_CLOSED, CUTOFF_PASSED (students only; details.cutoffMinutes), NOT_ELIGIBLE (students only; details.rule), ' +
      'STRIKE_LIMIT (students only), STUDENT_REQUIRED or IDEMPOTENCY_KEY_REUSED',
  })
  async book(
    @Body() dto: CreateBookingDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const result = await this.bookings.book(dto, principal, idempotencyKey);
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  /**
   * Moves a booking to another free slot of its event (another time, volunteer, or both),
   * keeping its id; both parties get an updated invite. The booking's own slot is a no-op.
   */
  @Patch('bookings/:id')
  @Roles('staff')
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    404: 'NOT_FOUND: booking or slot',
    409: 'SLOT_TAKEN, BOOKING_OVERLAP (the student has another interview then) or BOOKING_TOO_CLOSE (closer than the event\'s minGapMinutes)',
    422: 'BOOKING_NOT_CONFIRMED, SLOT_OTHER_EVENT, or BOOKING_CLOSED (event not published, interview or slot already started)',
  })
  move(@Param('id', UuidParam('Booking')) id: string, @Body() dto: MoveBookingDto, @CurrentPrincipal() principal: Principal): Promise<BookingResponse> {
    return this.moves.move(id, dto, principal);
  }

  /**
   * Cancels a booking; the slot is bookable again at once. Cancelling twice is a no-op.
   * Its volunteer may cancel until it starts, its student until the event's cut-off before it
   * starts, staff at any time.
   */
  @Delete('bookings/:id')
  @Roles('student', 'volunteer', 'staff')
  @ApiErrors({ 404: 'NOT_FOUND: no such booking, or not yours', 422: 'CANCELLATION_CLOSED or CUTOFF_PASSED (a student inside the cut-off)' })
  cancel(@Param('id', UuidParam('Booking')) id: string, @CurrentPrincipal() principal: Principal): Promise<BookingResponse> {
    return this.bookings.cancel(id, principal);
  }

  /** The caller's interviews: a student's bookings, or a volunteer's booked slots. */
  @Get('bookings/me')
  @Roles('student', 'volunteer')
  mine(@CurrentPrincipal() principal: Principal): Promise<BookingResponse[]> {
    return this.bookings.mine(principal);
  }
}
