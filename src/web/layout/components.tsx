import type { ComponentChildren, FormHTMLAttributes } from 'preact';
import type { NoticeTone, PageContext } from './page-context';

/** The hidden CSRF field every POST form carries. */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

/** A form that posts to us, with its CSRF token; works without JavaScript. */
export function PostForm({
  ctx,
  action,
  children,
  ...rest
}: { ctx: PageContext; action: string; children: ComponentChildren } & Omit<FormHTMLAttributes<HTMLFormElement>, 'action' | 'method'>) {
  return (
    <form method="post" action={action} {...rest}>
      <CsrfField ctx={ctx} />
      {children}
    </form>
  );
}

/** A status line: announced to screen readers, coloured by tone (and marked by an icon, not colour alone). */
export function Notice({ tone, children }: { tone: NoticeTone; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span class="notice-icon" aria-hidden="true">
        {tone === 'error' ? '!' : tone === 'success' ? '✓' : 'i'}
      </span>
      <div>{children}</div>
    </div>
  );
}

export function PageHeading({ title, lead, children }: { title: string; lead?: string; children?: ComponentChildren }) {
  return (
    <div class="page-heading">
      <h1>{title}</h1>
      {lead ? <p class="lead">{lead}</p> : null}
      {children}
    </div>
  );
}

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/**
 * A time in the event's zone, marked up so the page script can add the reader's own time when
 * their zone differs ("9:30 AM EDT · 3:30 PM your time").
 */
export function TimeText({ ctx, at, zone, format = 'dateTime' }: { ctx: PageContext; at: Date; zone: string; format?: 'dateTime' | 'time' }) {
  const text = format === 'time' ? `${ctx.time.time(at, zone)} ${ctx.time.zoneName(at, zone)}` : ctx.time.dateTime(at, zone);
  return (
    <time dateTime={at.toISOString()} data-zone={zone} data-local-label={ctx.t('time.yourTime')}>
      {text}
    </time>
  );
}

/** A labelled input with its hint and error, linked for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

/** A badge next to an item's title (booked, closed, …). */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'success' | 'warning'; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}
