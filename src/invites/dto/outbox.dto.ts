export class OutboxMessageResponse {
  id: string;
  bookingId: string;
  recipientRole: 'student' | 'volunteer';
  recipientId: string;
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  messageId: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}
