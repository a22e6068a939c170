import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccessTokenService } from '../common/auth/access-token.service';
import type { Principal } from '../common/auth/principal';
import { mapConstraint } from '../common/errors/pg-errors';
import { Environment } from '../config/environment';
import { AuthRepository } from './auth.repository';
import { AuthErrors, STAFF_CONSTRAINTS } from './auth.errors';
import { AccessTokenResponse, CreateStaffDto, LoginDto, StaffResponse } from './dto/auth.dto';
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
    const created = await this.repository.createFirstStaff({
      email: this.env.ADMIN_EMAIL.trim().toLowerCase(),
      name: 'Administrator',
      passwordHash: await hashPassword(this.env.ADMIN_PASSWORD),
    });
    if (created) this.logger.log({ email: this.env.ADMIN_EMAIL }, 'Created the first staff account');
  }

  async login(dto: LoginDto): Promise<AccessTokenResponse> {
    const principal = await this.authenticate(dto);
    return { accessToken: await this.tokens.issue(principal), role: 'staff' };
  }

  /** The staff member with this e-mail and password (for the API's token and the pages' session). */
  async authenticate(dto: LoginDto): Promise<Principal> {
    const staff = await this.repository.findStaffWithHash(dto.email);
    // Verify against a dummy hash for unknown addresses so timing does not reveal accounts.
    const ok = await verifyPassword(dto.password, staff?.passwordHash ?? DUMMY_HASH);
    if (!staff || !ok) throw AuthErrors.badCredentials();
    return { id: staff.id, role: 'staff' };
  }

  async create(dto: CreateStaffDto): Promise<StaffResponse> {
    try {
      const staff = await this.repository.createStaff({ email: dto.email, name: dto.name, passwordHash: await hashPassword(dto.password) });
      return { id: staff.id, name: staff.name, email: staff.email, createdAt: staff.createdAt.toISOString() };
    } catch (error) {
      throw mapConstraint(error, STAFF_CONSTRAINTS) ?? error;
    }
  }
}
