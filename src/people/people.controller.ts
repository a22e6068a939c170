import { Controller, Delete, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { DeletionResponse } from './dto/deletion.dto';
import { PeopleDeletionService } from './people-deletion.service';

/** Issue 13: deleting students and volunteers (staff). */
@ApiTags('people')
@Controller()
export class PeopleController {
  constructor(private readonly deletions: PeopleDeletionService) {}

  /**
   * Closes the student's account at once and cancels their interviews that have not started
   * (both parties are mailed); their name and address are erased once those mails are out.
   */
  @Delete('students/:id')
  @Roles('staff')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: DeletionResponse })
  @ApiErrors({ 404: 'NOT_FOUND: no such student, or deleted already' })
  deleteStudent(@Param('id', UuidParam('Student')) id: string): Promise<DeletionResponse> {
    return this.deletions.deleteStudent(id);
  }

  /**
   * Closes the volunteer's account at once and withdraws them from every event (their interviews
   * that have not started are cancelled, both parties mailed); name and address erased after.
   */
  @Delete('volunteers/:id')
  @Roles('staff')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: DeletionResponse })
  @ApiErrors({ 404: 'NOT_FOUND: no such volunteer, or deleted already' })
  deleteVolunteer(@Param('id', UuidParam('Volunteer')) id: string, @CurrentPrincipal() principal: Principal): Promise<DeletionResponse> {
    return this.deletions.deleteVolunteer(id, principal);
  }
}
