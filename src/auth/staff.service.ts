import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccessTokenService } from '../common/auth/access-token.service';
import type { Principal } from '../common/auth/principal';
import { mapConstraint } from '../common/errors/pg-errors';
import { Environment } from '../config/environment';
import { AuthRepository } from './auth.repository';
import { AuthErrors, STAFF_CONSTRAINTS } from './auth.errors';
import { notFound } from '../common/errors/domain-error';
import { AccessTokenResponse, CreateStaffDto, LoginDto, StaffResponse, UpdateStaffDto } from './dto/auth.dto';
import type { Staff } from './entities/staff.entity';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

@Injectable()
export class StaffService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaffService.name);

  constructor(
    private readonly repository: AuthRepository,
    private readonly tokens: AccessTokenService,
    private readonly env: Environment,
  ) {}

  /** The first staff account comes from ADMIN_EMAIL / ADMIN_PASSWORD when there is none. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.repository.anyStaff()) return;
    // The first account is an admin (the column's default is staff).
    const created = await this.repository.createFirstStaff({
      email: this.env.ADMIN_EMAIL.trim().toLowerCase(),
      name: 'Administrator',
      passwordHash: await hashPassword(this.env.ADMIN_PASSWORD),
    });
    if (created) this.logger.log({ email: this.env.ADMIN_EMAIL }, 'Created the first staff account');
  }

  async login(dto: LoginDto): Promise<AccessTokenResponse> {
    const principal = await this.authenticate(dto);
    return { accessToken: await this.tokens.issue({ id: principal.id, role: 'staff' }), role: 'staff', staffRole: principal.staffRole };
  }

  /** The staff member with this e-mail and password (for the API's token and the pages' session). */
  async authenticate(dto: LoginDto): Promise<Principal> {
    const staff = await this.repository.findStaffWithHash(dto.email);
    // Verify against a dummy hash for unknown addresses so timing does not reveal accounts.
    const ok = await verifyPassword(dto.password, staff?.passwordHash ?? DUMMY_HASH);
    if (!staff || !ok) throw AuthErrors.badCredentials();
    return { id: staff.id, role: 'staff', staffRole: staff.role };
  }

  async create(dto: CreateStaffDto): Promise<StaffResponse> {
    try {
      const staff = await this.repository.createStaff({ email: dto.email, name: dto.name, passwordHash: await hashPassword(dto.password), role: dto.role ?? 'staff' });
      return toStaffResponse(staff);
    } catch (error) {
      throw mapConstraint(error, STAFF_CONSTRAINTS) ?? error;
    }
  }

  async list(): Promise<StaffResponse[]> {
    return (await this.repository.listStaff()).map(toStaffResponse);
  }

  async get(id: string): Promise<StaffResponse> {
    const staff = await this.repository.findStaff(id);
    if (!staff) throw notFound('Staff account');
    return toStaffResponse(staff);
  }

  /** Changes a role or disables an account; refused (LAST_ADMIN) when no enabled admin would remain. */
  async update(id: string, dto: UpdateStaffDto): Promise<StaffResponse> {
    const result = await this.repository.updateStaff(id, dto);
    if (!result) throw notFound('Staff account');
    if (result === 'last-admin') throw AuthErrors.lastAdmin();
    this.logger.log({ staffId: id, role: result.role, disabled: result.disabledAt !== null }, 'Staff account changed');
    return toStaffResponse(result);
  }
}

function toStaffResponse(staff: Staff): StaffResponse {
  return { id: staff.id, name: staff.name, email: staff.email, role: staff.role, disabled: staff.disabledAt !== null, createdAt: staff.createdAt.toISOString() };
}
