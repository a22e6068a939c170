import type { ComponentChildren } from 'preact';
import type { StaffRole } from '../../common/auth/principal';
import type { PageContext } from '../layout/page-context';

/** Where each staff role lands after signing in: the door's student workers go straight to the desk. */
export const CONSOLE_HOME: Record<StaffRole, string> = { admin: '/home', staff: '/home', desk: '/console/desk' };

/** The console's sections a staff role sees in the navigation (the guards decide what it may open). */
export function consoleLinks(ctx: PageContext): [string, string][] {
  const { t } = ctx;
  const role = ctx.principal?.staffRole;
  if (role === 'desk') return [['/console/desk', t('console.nav.desk')]];
  const links: [string, string][] = [
    ['/home', t('nav.events')],
    ['/console/students', t('console.nav.students')],
    ['/console/volunteers', t('console.nav.volunteers')],
    ['/console/desk', t('console.nav.desk')],
  ];
  if (role === 'admin') links.push(['/console/staff', t('console.nav.staff')]);
  links.push(['/api/admin/queues', t('console.nav.queues')]);
  return links;
}

/**
 * A table that may be wider than a phone: it scrolls inside its own box (focusable and named,
 * so keyboard users can scroll it too) instead of making the page scroll sideways.
 */
export function DataTable({ label, head, children }: { label: string; head: ComponentChildren[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table class="data">
        <caption class="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {head.map((cell) => (
              <th scope="col">{cell}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A select of fixed options with the current one chosen. */
export function Select({
  id,
  name,
  value,
  options,
  describedBy,
}: {
  id: string;
  name: string;
  value?: string;
  options: [string, string][];
  describedBy?: string;
}) {
  return (
    <select id={id} name={name} aria-describedby={describedBy}>
      {options.map(([v, label]) => (
        <option value={v} selected={v === value}>
          {label}
        </option>
      ))}
    </select>
  );
}
