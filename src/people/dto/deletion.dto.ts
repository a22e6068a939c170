/** What a deletion did at once; the person's name and address are erased once the cancellation mails are out. */
export class DeletionResponse {
  id: string;
  /** Interviews cancelled (both parties are mailed a cancellation). */
  cancelled: number;
  /** Always `closed`: the account is closed now, its personal data erased shortly. */
  status: 'closed';
}
