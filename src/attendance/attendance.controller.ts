import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, StaffRoles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { AttendanceService } from './attendance.service';
import { AttendanceResponse, MarkAttendanceDto, StudentAttendanceResponse } from './dto/attendance.dto';

@ApiTags('attendance')
@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  /** Marks an interview attended or a no-show; marking again corrects the mark. */
  @Post('bookings/:id/attendance')
  @Roles('staff', 'volunteer')
  @StaffRoles('admin', 'staff', 'desk')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: "NOT_FOUND: no such booking, or not this volunteer's", 409: 'BOOKING_CANCELLED', 422: 'ATTENDANCE_NOT_STARTED' })
  mark(
    @Param('id', UuidParam('Booking')) id: string,
    @Body() dto: MarkAttendanceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AttendanceResponse> {
    return this.attendance.mark(id, dto, principal);
  }

  /** Attended and no-show counts across events, with each no-show. */
  @Get('students/:id/no-shows')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  forStudent(@Param('id', UuidParam('Student')) id: string): Promise<StudentAttendanceResponse> {
    return this.attendance.forStudent(id);
  }
}
