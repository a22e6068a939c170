import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { FeedbackResponse, PutRubricDto, RubricResponse, SubmitFeedbackDto } from './dto/feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('feedback')
@Controller()
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  /** The event's feedback criteria (each scored 1-4, plus a comment); the default until staff set one. */
  @Get('events/:eventId/feedback-rubric')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  getRubric(@Param('eventId', UuidParam('Event')) eventId: string): Promise<RubricResponse> {
    return this.feedback.getRubric(eventId);
  }

  @Put('events/:eventId/feedback-rubric')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'INVALID_FEEDBACK (a key twice)' })
  putRubric(@Param('eventId', UuidParam('Event')) eventId: string, @Body() dto: PutRubricDto): Promise<RubricResponse> {
    return this.feedback.putRubric(eventId, dto);
  }

  /** The interview's feedback with the event's rubric: its student, its volunteer, staff. */
  @Get('bookings/:id/feedback')
  @Roles('student', 'volunteer', 'staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  get(@Param('id', UuidParam('Booking')) id: string, @CurrentPrincipal() principal: Principal): Promise<FeedbackResponse> {
    return this.feedback.get(id, principal);
  }

  /** The booking's volunteer gives feedback once the interview has ended: 201 the first time, 200 for a change within 7 days. */
  @Post('bookings/:id/feedback')
  @Roles('volunteer')
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    404: "NOT_FOUND: no such booking, or not this volunteer's",
    409: 'BOOKING_CANCELLED',
    422: 'FEEDBACK_TOO_EARLY, FEEDBACK_LOCKED (after 7 days) or INVALID_FEEDBACK (details.problems)',
  })
  async submit(
    @Param('id', UuidParam('Booking')) id: string,
    @Body() dto: SubmitFeedbackDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FeedbackResponse> {
    const { status, body } = await this.feedback.submit(id, dto, principal);
    res.status(status);
    return body;
  }

  /** The same as POST: creates or, within 7 days, changes the feedback. */
  @Put('bookings/:id/feedback')
  @Roles('volunteer')
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    404: "NOT_FOUND: no such booking, or not this volunteer's",
    409: 'BOOKING_CANCELLED',
    422: 'FEEDBACK_TOO_EARLY, FEEDBACK_LOCKED (after 7 days) or INVALID_FEEDBACK (details.problems)',
  })
  async replace(@Param('id', UuidParam('Booking')) id: string, @Body() dto: SubmitFeedbackDto, @CurrentPrincipal() principal: Principal): Promise<FeedbackResponse> {
    return (await this.feedback.submit(id, dto, principal)).body;
  }
}

