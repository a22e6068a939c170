import { IsOptional, IsUUID } from 'class-validator';

export class CreateBookingDto {
  @IsUUID()
  slotId: string;

  /** Staff only: the student to book for. Students always book for themselves. */
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

/** Staff move a booking to another free slot of its event: another time, volunteer, or both. */
export class MoveBookingDto {
  @IsUUID()
  slotId: string;
}

export class BookingParty {
  id: string;
  name: string;
}

export class BookingVolunteer extends BookingParty {
  organization: string;
  title: string;
}

export class BookingResponse {
  id: string;
  eventId: string;
  eventName: string;
  slotId: string | null;
  startsAt: string;
  endsAt: string;
  status: 'confirmed' | 'cancelled';
  volunteer: BookingVolunteer;
  student: BookingParty;
  createdAt: string;
  cancelledAt: string | null;
}
