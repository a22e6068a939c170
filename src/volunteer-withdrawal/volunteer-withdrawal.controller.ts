import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { WithdrawalResponse } from './dto/withdrawal.dto';
import { VolunteerWithdrawalService } from './volunteer-withdrawal.service';

@ApiTags('bookings')
@Controller('events/:eventId/volunteers/:volunteerId')
export class VolunteerWithdrawalController {
  constructor(private readonly withdrawals: VolunteerWithdrawalService) {}

  /**
   * Withdraws a volunteer from the event: cancels their interviews that have not started
   * (both parties get a cancellation) and removes their availability and free slots.
   * Staff, or the volunteer themself. Repeating it cancels nothing more.
   */
  @Post('withdrawal')
  @Roles('staff', 'volunteer')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 403: "FORBIDDEN: another volunteer's withdrawal", 404: 'NOT_FOUND: event or volunteer' })
  withdraw(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Param('volunteerId', UuidParam('Volunteer')) volunteerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WithdrawalResponse> {
    return this.withdrawals.withdraw(eventId, volunteerId, principal);
  }
}
