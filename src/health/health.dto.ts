import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyHealth {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ example: 3 })
  latencyMs: number;

  @ApiPropertyOptional({ example: 'connect ECONNREFUSED 127.0.0.1:6379' })
  error?: string;
}

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status: 'ok' | 'degraded';

  @ApiProperty()
  postgres: DependencyHealth;

  @ApiProperty()
  redis: DependencyHealth;
}
