import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ATTENDANCE_STATUSES } from '../entities/attendance.entity';
import type { AttendanceStatus } from '../entities/attendance.entity';

export class MarkAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;
}

export class AttendanceResponse {
  bookingId: string;
  studentId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  status: AttendanceStatus;
  markedAt: string;
}

export class NoShowEntry {
  bookingId: string;
  eventId: string;
  startsAt: string;
}

export class StudentAttendanceResponse {
  studentId: string;
  /** Interviews marked attended, across all events. */
  attended: number;
  /** Interviews marked no-show, across all events, newest first in `noShowBookings`. */
  noShows: number;
  /** Distinct events with at least one no-show: repeat no-shows stand out. */
  noShowEvents: number;
  noShowBookings: NoShowEntry[];
}
