import { Body, Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, StaffRoles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { CheckInService } from './check-in.service';
import { CheckInCodeResponse, CheckInResponse, CreateCheckInDto } from './dto/check-in.dto';

@ApiTags('check-in')
@Controller('events/:eventId')
export class CheckInController {
  constructor(private readonly checkIns: CheckInService) {}

  /** The calling student's code for the event, as text and as a QR code. */
  @Get('check-in-code')
  @Roles('student')
  @ApiErrors({ 404: 'NOT_FOUND: no such event, or not published' })
  codeFor(@Param('eventId', UuidParam('Event')) eventId: string, @CurrentPrincipal() principal: Principal): Promise<CheckInCodeResponse> {
    return this.checkIns.codeFor(eventId, principal);
  }

  /** Checks a student in by their code: 201 on the first scan, 200 with the first time after that. */
  @Post('check-ins')
  @Roles('staff')
  @StaffRoles('admin', 'staff', 'desk')
  @ApiCreatedResponse({ type: CheckInResponse, description: 'Checked in now' })
  @ApiOkResponse({ type: CheckInResponse, description: 'Already checked in; checkedInAt is the first scan' })
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    404: 'NOT_FOUND: no such event; CHECK_IN_CODE_UNKNOWN: no student has this code',
    422: 'CHECK_IN_CODE_OTHER_EVENT',
  })
  async checkIn(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Body() dto: CreateCheckInDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CheckInResponse> {
    const result = await this.checkIns.checkIn(eventId, dto.code, principal);
    res.status(result.firstScan ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
