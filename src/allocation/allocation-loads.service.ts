import { Injectable } from '@nestjs/common';
import { PG_CHECK_VIOLATION, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '../common/errors/pg-errors';
import { Database } from '../database/database';
import { EventsService } from '../events/events.service';
import { AllocationErrors } from './allocation.errors';
import { AllocationLoadsResponse, PutAllocationLoadsDto } from './dto/allocation-loads.dto';
import { AllocationLoad } from './entities/allocation-load.entity';

/** Per-event minimums and maxima of organizations and volunteers (issue 14); runs read them in their snapshot. */
@Injectable()
export class AllocationLoadsService {
  constructor(
    private readonly db: Database,
    private readonly events: EventsService,
  ) {}

  async get(eventId: string): Promise<AllocationLoadsResponse> {
    await this.events.findOrFail(eventId);
    return this.read(eventId);
  }

  /** Replaces the event's loads in one transaction; the database judges ids, duplicates and min ≤ max. */
  async put(eventId: string, dto: PutAllocationLoadsDto): Promise<AllocationLoadsResponse> {
    await this.events.findOrFail(eventId);
    dto.loads.forEach((l, i) => {
      if ((l.organizationId === undefined) === (l.volunteerId === undefined)) {
        throw AllocationErrors.invalidLoads(`loads[${i}]: name exactly one of organizationId or volunteerId`);
      }
      if (l.minInterviews === undefined && l.maxInterviews === undefined) {
        throw AllocationErrors.invalidLoads(`loads[${i}]: give minInterviews, maxInterviews or both`);
      }
    });
    try {
      await this.db.transaction(async (tx) => {
        await tx.getRepository(AllocationLoad).delete({ eventId });
        if (dto.loads.length) {
          await tx.getRepository(AllocationLoad).insert(
            dto.loads.map((l) => ({
              eventId,
              organizationId: l.organizationId ?? null,
              volunteerId: l.volunteerId ?? null,
              minInterviews: l.minInterviews ?? null,
              maxInterviews: l.maxInterviews ?? null,
            })),
          );
        }
      });
    } catch (error) {
      const code = pgErrorCode(error);
      if (code === PG_FOREIGN_KEY_VIOLATION) throw AllocationErrors.invalidLoads('An organizationId or volunteerId does not exist');
      if (code === PG_UNIQUE_VIOLATION) throw AllocationErrors.invalidLoads('An organization or volunteer is listed twice');
      if (code === PG_CHECK_VIOLATION) throw AllocationErrors.invalidLoads('minInterviews must not be above maxInterviews');
      throw error;
    }
    return this.read(eventId);
  }

  private async read(eventId: string): Promise<AllocationLoadsResponse> {
    const rows = await this.db.repository(AllocationLoad).find({ where: { eventId }, order: { organizationId: 'ASC', volunteerId: 'ASC' } });
    return {
      eventId,
      loads: rows.map((r) => ({ organizationId: r.organizationId, volunteerId: r.volunteerId, minInterviews: r.minInterviews, maxInterviews: r.maxInterviews })),
    };
  }
}
