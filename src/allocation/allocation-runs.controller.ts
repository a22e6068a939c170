import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { CursorQuery } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param';
import { AllocationAssignmentsService } from './allocation-assignments.service';
import { AllocationPublisher } from './allocation-publisher.service';
import { AllocationRunsService } from './allocation-runs.service';
import {
  AllocationRunCreatedResponse,
  AllocationRunPage,
  AllocationRunResponse,
  AssignmentPage,
  AssignmentsQuery,
  CreateAllocationRunDto,
  PublishResponse,
  StudentExplanationResponse,
} from './dto/allocation-run.dto';

@ApiTags('allocation')
@Controller()
export class AllocationRunsController {
  constructor(
    private readonly runs: AllocationRunsService,
    private readonly assignmentList: AllocationAssignmentsService,
    private readonly publisher: AllocationPublisher,
  ) {}

  /** Queues an allocation of the event's free slots by the students' preferences; a worker runs it. */
  @Post('events/:id/allocation-runs')
  @Roles('staff')
  @RateLimit('expensive')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: AllocationRunCreatedResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 409: 'ALLOCATION_RUNNING', 422: 'EVENT_NOT_PUBLISHED' })
  start(
    @Param('id', UuidParam('Event')) id: string,
    @Body() dto: CreateAllocationRunDto,
    @Req() req: Request,
  ): Promise<AllocationRunCreatedResponse> {
    return this.runs.start(id, dto, typeof req.id === 'string' ? req.id : undefined);
  }

  /** The event's runs, newest first, with their statistics; `GET /allocation-runs/{id}` has the unplaced students. */
  @Get('events/:id/allocation-runs')
  @Roles('staff')
  @ApiOkResponse({ type: AllocationRunPage })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'INVALID_CURSOR' })
  list(@Param('id', UuidParam('Event')) id: string, @Query() query: CursorQuery): Promise<AllocationRunPage> {
    return this.runs.listForEvent(id, query);
  }

  /** Status, progress and, once completed, the statistics and unplaced students. */
  @Get('allocation-runs/:id')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  get(@Param('id', UuidParam('Allocation run')) id: string): Promise<AllocationRunResponse> {
    return this.runs.get(id);
  }

  /** The run's assignments in time order: a JSON page, or all of them with ?format=csv. */
  @Get('allocation-runs/:id/assignments')
  @Roles('staff')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: AssignmentPage,
    description: 'JSON page; with format=csv, text/csv with every assignment: startsAt,endsAt,student,studentEmail,volunteer,organization,rank,studentId,volunteerId,slotId,bookingId',
  })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'INVALID_CURSOR' })
  async assignments(
    @Param('id', UuidParam('Allocation run')) id: string,
    @Query() query: AssignmentsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentPage | string> {
    if (query.format !== 'csv') return this.assignmentList.page(id, query);
    const csv = await this.assignmentList.csv(id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="allocation-${id}.csv"`);
    return csv;
  }

  /** Why one student got what they got in this run: each choice's outcome (other students as counts only). */
  @Get('allocation-runs/:id/explanations/:studentId')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND: no such run, or the student had no preferences in it' })
  explanation(
    @Param('id', UuidParam('Allocation run')) id: string,
    @Param('studentId', UuidParam('Student')) studentId: string,
  ): Promise<StudentExplanationResponse> {
    return this.runs.explanation(id, studentId);
  }

  /** A student's own explanation from the event's latest published allocation. */
  @Get('events/:id/allocation/explanation')
  @Roles('student')
  @ApiErrors({
    403: 'FORBIDDEN',
    404: 'NOT_FOUND: no such event, or the student had no preferences in the published run',
    422: 'NO_PUBLISHED_ALLOCATION',
  })
  ownExplanation(@Param('id', UuidParam('Event')) id: string, @CurrentPrincipal() principal: Principal): Promise<StudentExplanationResponse> {
    return this.runs.ownExplanation(id, principal);
  }

  /** Books every assignment in one transaction. Publishing again returns the same answer. */
  @Post('allocation-runs/:id/publish')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({
    404: 'NOT_FOUND',
    409: 'ALLOCATION_STALE: inputs changed since the run; ALLOCATION_NOT_COMPLETED; ALLOCATION_RUNNING',
  })
  publish(@Param('id', UuidParam('Allocation run')) id: string): Promise<PublishResponse> {
    return this.publisher.publish(id);
  }
}
