import { Injectable } from '@nestjs/common';
import { toString as qrToString } from 'qrcode';
import type { Principal } from '../common/auth/principal';
import { toZonedIso } from '../common/time/zoned';
import { EventsService } from '../events/events.service';
import { StudentsService } from '../students/students.service';
import { newCheckInCode, normalizeCheckInCode } from './check-in-code';
import { CheckInErrors } from './check-in.errors';
import { CheckInRepository } from './check-in.repository';
import { CheckInCodeResponse, CheckInResponse } from './dto/check-in.dto';
import { qrPng } from './qr-png';

@Injectable()
export class CheckInService {
  constructor(
    private readonly checkIns: CheckInRepository,
    private readonly events: EventsService,
    private readonly students: StudentsService,
  ) {}

  /** The student's code for a published event: random, issued once, the same on every request. */
  async codeFor(eventId: string, principal: Principal): Promise<CheckInCodeResponse> {
    await this.events.findVisible(eventId, principal);
    const code = await this.checkIns.codeFor(eventId, principal.id, newCheckInCode());
    // Level M survives a scuffed phone screen; the margin is the quiet zone scanners need.
    const qrSvg = await qrToString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    return { eventId, checkInCode: code, qrSvg };
  }

  /** For a student's booking confirmation: their code (issued now if need be) and its QR code as a PNG. */
  async qrFor(eventId: string, studentId: string): Promise<{ code: string; png: Buffer }> {
    const code = await this.checkIns.codeFor(eventId, studentId, newCheckInCode());
    return { code, png: qrPng(code, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }) };
  }

  /** First scan checks the student in; later scans report the first time. */
  async checkIn(eventId: string, rawCode: string, principal: Principal): Promise<CheckInResponse> {
    const event = await this.events.findOrFail(eventId);
    const code = normalizeCheckInCode(rawCode);
    const owner = code ? await this.checkIns.findCode(code) : null;
    if (!owner) throw CheckInErrors.unknownCode();
    if (owner.eventId !== eventId) throw CheckInErrors.otherEvent();
    const [row, student] = await Promise.all([
      this.checkIns.checkIn(eventId, owner.studentId, principal.id),
      this.students.findOrFail(owner.studentId),
    ]);
    return {
      eventId,
      studentId: student.id,
      studentName: student.name,
      checkedInAt: toZonedIso(row.checkedInAt, event.timezone),
      firstScan: row.inserted,
    };
  }
}
