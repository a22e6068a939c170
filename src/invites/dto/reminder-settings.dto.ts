import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';

export class ReminderSettingsDto {
  /** Minutes before each interview to send a reminder (e.g. [1440, 60]); empty for none. */
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(20160, { each: true })
  offsetsMinutes: number[];
}

export class ReminderSettingsResponse {
  eventId: string;
  offsetsMinutes: number[];
}
