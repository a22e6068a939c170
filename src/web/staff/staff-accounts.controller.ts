import { Body, Param } from '@nestjs/common';
import { CreateStaffDto, UpdateStaffDto } from '../../auth/dto/auth.dto';
import { StaffService } from '../../auth/staff.service';
import { Roles, StaffRoles } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import { field, FormBody } from '../layout/form';
import { formDto } from '../layout/form-dto';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { PageResult, redirect } from '../layout/page-result';
import { staffAccountsPage } from './staff-accounts.page';

/** Admins manage staff accounts: add one, change its role, disable or enable it. */
@PageController('console/staff')
@Roles('staff')
@StaffRoles('admin')
export class StaffAccountsPageController {
  constructor(private readonly staff: StaffService) {}

  @PageGet('')
  async list(@Ctx() ctx: PageContext): Promise<PageResult> {
    return staffAccountsPage(ctx, await this.staff.list());
  }

  @PagePost('')
  async create(@Body() body: FormBody, @Ctx() ctx: PageContext): Promise<PageResult> {
    const plain = { name: field(body, 'name'), email: field(body, 'email'), password: typeof body.password === 'string' ? body.password : '', role: field(body, 'role') };
    const { dto, errors } = await formDto(CreateStaffDto, plain, ctx.t, { password: 'console.staff.passwordHint', email: 'signIn.emailInvalid' });
    const again = (form: Parameters<typeof staffAccountsPage>[2], status: number) => this.staff.list().then((all) => staffAccountsPage(ctx, all, form, status));
    if (errors) return again({ ...plain, errors }, 422);
    try {
      await this.staff.create(dto);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'EMAIL_TAKEN') return again({ ...plain, errors: { email: ctx.t('console.staff.emailTaken') } }, 409);
      throw error;
    }
    return redirect('/console/staff', 'staff-saved');
  }

  @PagePost(':id')
  async update(@Param('id', UuidParam('Staff account')) id: string, @Body() body: FormBody): Promise<PageResult> {
    const change: UpdateStaffDto = {};
    const role = field(body, 'role');
    if (role === 'admin' || role === 'staff' || role === 'desk') change.role = role;
    const disabled = field(body, 'disabled');
    if (disabled === 'true' || disabled === 'false') change.disabled = disabled === 'true';
    try {
      await this.staff.update(id, change);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'LAST_ADMIN') return redirect('/console/staff', 'last-admin');
      throw error;
    }
    return redirect('/console/staff', 'staff-saved');
  }
}
