import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorBody {
  @ApiProperty({ example: 'startsAt' })
  field: string;

  @ApiProperty({ example: 'startsAt must be an ISO 8601 date with an offset' })
  message: string;
}

/** The one shape of every 4xx/5xx response. */
export class ErrorBody {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'SLOT_TAKEN', description: 'Stable, upper-case, machine-readable' })
  code: string;

  @ApiProperty({ example: 'This slot was just booked by someone else' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorBody] })
  errors?: FieldErrorBody[];

  @ApiPropertyOptional({ description: 'Extra machine-readable facts about the failure' })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Quote it when reporting a problem' })
  requestId?: string;
}
