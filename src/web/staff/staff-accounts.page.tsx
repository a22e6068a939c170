import type { StaffResponse } from '../../auth/dto/auth.dto';
import { STAFF_ROLES } from '../../common/auth/principal';
import { Badge, Field, Notice, PageHeading, PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { DataTable, Select } from './console';

export interface StaffForm {
  name?: string;
  email?: string;
  role?: string;
  errors?: Partial<Record<'name' | 'email' | 'password' | 'form', string>>;
}

/** Admins: every staff account with its role, a way to change it or disable it, and a form to add one. */
export function staffAccountsPage(ctx: PageContext, accounts: StaffResponse[], form: StaffForm = {}, status = 200): PageView {
  const { t } = ctx;
  const roles = STAFF_ROLES.map((r): [string, string] => [r, t(`console.staffRole.${r}`)]);
  return page(
    t('console.staff.title'),
    <>
      <PageHeading title={t('console.staff.title')} lead={t('console.staff.lead')} />
      <DataTable label={t('console.staff.title')} head={[t('console.name'), t('console.email'), t('console.staff.role'), t('console.actions')]}>
        {accounts.map((a) => (
          <tr>
            <td>
              {a.name} {a.disabled ? <Badge tone="warning">{t('console.staff.disabled')}</Badge> : null}
            </td>
            <td>{a.email}</td>
            <td>
              <PostForm ctx={ctx} action={`/console/staff/${a.id}`} class="row">
                <label class="visually-hidden" for={`role-${a.id}`}>
                  {t('console.staff.roleOf', { name: a.name })}
                </label>
                <Select id={`role-${a.id}`} name="role" value={a.role} options={roles} />
                <button type="submit" class="button-secondary">
                  {t('console.staff.changeRole')}
                </button>
              </PostForm>
            </td>
            <td>
              <PostForm ctx={ctx} action={`/console/staff/${a.id}`}>
                <input type="hidden" name="disabled" value={a.disabled ? 'false' : 'true'} />
                <button type="submit" class={a.disabled ? 'button-secondary' : 'button-danger'} aria-label={t(a.disabled ? 'console.staff.enableName' : 'console.staff.disableName', { name: a.name })}>
                  {t(a.disabled ? 'console.staff.enable' : 'console.staff.disable')}
                </button>
              </PostForm>
            </td>
          </tr>
        ))}
      </DataTable>
      <section class="card" aria-labelledby="add-staff">
        <h2 id="add-staff">{t('console.staff.add')}</h2>
        {form.errors?.form ? <Notice tone="error">{form.errors.form}</Notice> : null}
        <PostForm ctx={ctx} action="/console/staff" novalidate>
          <Field id="staff-name" label={t('console.name')} error={form.errors?.name}>
            {(d, invalid) => <input type="text" id="staff-name" name="name" required value={form.name ?? ''} aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />}
          </Field>
          <Field id="staff-email" label={t('console.email')} error={form.errors?.email}>
            {(d, invalid) => <input type="email" id="staff-email" name="email" required value={form.email ?? ''} aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />}
          </Field>
          <Field id="staff-password" label={t('signIn.password')} hint={t('console.staff.passwordHint')} error={form.errors?.password}>
            {(d, invalid) => <input type="password" id="staff-password" name="password" autocomplete="new-password" required aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />}
          </Field>
          <Field id="staff-role" label={t('console.staff.role')} hint={t('console.staff.roleHint')}>
            {(d) => <Select id="staff-role" name="role" value={form.role ?? 'staff'} options={roles} describedBy={d} />}
          </Field>
          <button type="submit">{t('console.staff.create')}</button>
        </PostForm>
      </section>
    </>,
    { status },
  );
}
