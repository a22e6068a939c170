import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { OutboxMessageResponse } from './dto/outbox.dto';
import type { OutboxStatus } from './entities/outbox-message.entity';
import { OutboxService } from './outbox.service';
import { ParseOutboxStatusPipe } from './parse-outbox-status.pipe';

@ApiTags('invites')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  /** Invite e-mails, newest first (at most 500); `status=failed` lists those that gave up. */
  @Get()
  @Roles('staff')
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'sending', 'sent', 'failed'] })
  @ApiErrors({ 400: 'VALIDATION_FAILED' })
  list(@Query('status', ParseOutboxStatusPipe) status?: OutboxStatus): Promise<OutboxMessageResponse[]> {
    return this.outbox.list(status);
  }

  /** Sends a failed message again, with fresh attempts. */
  @Post(':id/retry')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 404: 'NOT_FOUND', 422: 'OUTBOX_NOT_FAILED' })
  retry(@Param('id', UuidParam('Outbox message')) id: string): Promise<OutboxMessageResponse> {
    return this.outbox.retry(id);
  }
}
