import { Injectable, Logger } from '@nestjs/common';
import { PreferencesService } from '../allocation/preferences.service';
import { BookingsService } from '../bookings/bookings.service';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { Database } from '../database/database';
import { OutboxService } from '../invites/outbox.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, JobPayloads } from '../queue/jobs';
import { SlotsService } from '../slots/slots.service';
import { StudentsService } from '../students/students.service';
import { VolunteerWithdrawalService } from '../volunteer-withdrawal/volunteer-withdrawal.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { WaitlistService } from '../waitlist/waitlist.service';
import type { DeletionResponse } from './dto/deletion.dto';

type Person = JobPayloads[JobName.ErasePerson];

/**
 * Issue 13: staff delete a student or a volunteer. Spans five features, so it lives above them:
 * 1. the account is closed at once (no sign-in; out of lists; announced to every API process);
 * 2. what they hold is cancelled through the usual paths, so both parties get a cancellation:
 *    a student's interviews that have not started (and they leave every waitlist, and their
 *    ranked choices go, so no offer or allocation run places them later); a volunteer is
 *    withdrawn from every event they give time in (their interviews cancelled, slots and
 *    tables released);
 * 3. a job erases their name and address once the mails that show them are out (it fails, and
 *    BullMQ retries it with backoff, while any is unsent; its last attempt erases regardless).
 * Interviews that have started stay, as for a withdrawal: they are the record reports count.
 */
@Injectable()
export class PeopleDeletionService {
  private readonly logger = new Logger(PeopleDeletionService.name);

  constructor(
    private readonly db: Database,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly bookings: BookingsService,
    private readonly slots: SlotsService,
    private readonly withdrawals: VolunteerWithdrawalService,
    private readonly outbox: OutboxService,
    private readonly queue: JobQueueService,
    private readonly waitlist: WaitlistService,
    private readonly preferences: PreferencesService,
  ) {}

  async deleteStudent(id: string): Promise<DeletionResponse> {
    const cancelled = await this.db.transaction(async (tx) => {
      if (!(await this.students.close(tx, id))) throw notFound('Student');
      const ids = await this.bookings.cancelUpcomingOfStudent(tx, id);
      await this.waitlist.forgetStudent(tx, id);
      await this.preferences.forgetStudent(tx, id);
      await this.enqueueErasure({ role: 'student', id }, tx);
      return ids.length;
    });
    this.logger.log({ studentId: id, cancelled }, 'Student deleted');
    return { id, cancelled, status: 'closed' };
  }

  async deleteVolunteer(id: string, principal: Principal): Promise<DeletionResponse> {
    // Closed first, so they cannot give new time while their events are withdrawn from.
    await this.db.transaction(async (tx) => {
      if (!(await this.volunteers.close(tx, id))) throw notFound('Volunteer');
    });
    let cancelled = 0;
    for (const eventId of await this.slots.eventsOfVolunteer(id)) {
      cancelled += (await this.withdrawals.withdraw(eventId, id, principal)).cancelled.length;
    }
    await this.enqueueErasure({ role: 'volunteer', id });
    this.logger.log({ volunteerId: id, cancelled }, 'Volunteer deleted');
    return { id, cancelled, status: 'closed' };
  }

  /**
   * The job: erases the person unless a mail about their bookings is still to go; then it
   * throws, so BullMQ tries again later. `lastTry` erases regardless (a mail failing for good
   * is staff's to see in the outbox; it will not be sent with the old address).
   */
  async erase(person: Person, lastTry: boolean): Promise<'erased' | 'already'> {
    if (!lastTry) {
      const { ids, unmailedChanges } = await this.bookings.ofPerson(person.id);
      if (unmailedChanges || (await this.outbox.anyUnsentFor(ids))) throw new Error('Cancellation mails still to send; erasing later');
    }
    const erased = person.role === 'student' ? await this.students.erase(person.id) : await this.volunteers.erase(person.id);
    this.logger.log({ ...person, erased }, erased ? 'Personal data erased' : 'Nothing to erase');
    return erased ? 'erased' : 'already';
  }

  private enqueueErasure(person: Person, tx?: Parameters<JobQueueService['enqueueDurably']>[3]): Promise<void> {
    return this.queue.enqueueDurably(JobName.ErasePerson, person, `erase-${person.role}-${person.id}`, tx);
  }
}
