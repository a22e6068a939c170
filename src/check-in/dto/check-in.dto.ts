import { IsString, MaxLength } from 'class-validator';

export class CheckInCodeResponse {
  eventId: string;
  /** Shown at the door, typed or scanned; XXXXX-XXXXX-XXXXX. (Not `code`: that names an error's code.) */
  checkInCode: string;
  /** The code as a QR code, a standalone SVG document. */
  qrSvg: string;
}

export class CreateCheckInDto {
  /** As shown or scanned; case, spaces and dashes do not matter. */
  @IsString()
  @MaxLength(64)
  code: string;
}

export class CheckInResponse {
  eventId: string;
  studentId: string;
  studentName: string;
  checkedInAt: string;
  /** False when the student had already checked in: `checkedInAt` is the first scan. */
  firstScan: boolean;
}
