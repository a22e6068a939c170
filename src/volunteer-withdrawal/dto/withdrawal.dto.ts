import { BookingResponse } from '../../bookings/dto/booking.dto';

export class WithdrawalResponse {
  eventId: string;
  volunteerId: string;
  /** The volunteer's interviews that had not started; both parties get a cancellation. */
  cancelled: BookingResponse[];
  /** Free slots taken off the event (slots of interviews that have started stay). */
  slotsRemoved: number;
}
