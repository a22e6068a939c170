import type { MessageKey } from '../../common/i18n/catalogue';
import { EmptyState, Field, Notice, PageHeading, PostForm } from '../layout/components';
import type { FormErrors } from '../layout/form-dto';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { DataTable } from './console';

/** Students and volunteers share their console pages; each kind says its fields. */
export interface PersonKind {
  /** URL segment: /console/students, /console/volunteers. */
  path: 'students' | 'volunteers';
  title: MessageKey;
  lead: MessageKey;
  add: MessageKey;
  deleteText: MessageKey;
  fields: { name: string; label: MessageKey; type?: 'email' | 'number'; hint?: MessageKey; inList?: boolean }[];
  /** When a CSV of this kind can be uploaded: the upload's hint, and what a good file did. */
  import?: { hint: MessageKey; done: MessageKey };
}

export type PersonValues = Record<string, string>;

export interface PeopleList {
  items: ({ id: string } & PersonValues)[];
  q: string;
  nextCursor: string | null;
}

export interface ImportOutcome {
  /** Students: created and updated; volunteers: created and skipped (known addresses, left as they are). */
  ok?: { total: number; created: number; updated?: number; skipped?: number };
  rows?: { line: number; reason: string }[];
  rowCount?: number;
  error?: string;
}

/** The list with a search box, each person linked to their edit page; the CSV upload below. */
export function peopleListPage(ctx: PageContext, kind: PersonKind, list: PeopleList, imported?: ImportOutcome, status = 200): PageView {
  const { t } = ctx;
  const base = `/console/${kind.path}`;
  const shown = kind.fields.filter((f) => f.inList);
  return page(
    t(kind.title),
    <>
      <PageHeading title={t(kind.title)} lead={t(kind.lead)}>
        <p>
          <a class="button" href={`${base}/new`}>
            {t(kind.add)}
          </a>
        </p>
      </PageHeading>
      <form method="get" action={base} class="row" role="search">
        <label for="q">{t('console.people.search')}</label>
        <input type="search" id="q" name="q" value={list.q} />
        <button type="submit" class="button-secondary">
          {t('console.people.searchButton')}
        </button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState>{t('console.people.none')}</EmptyState>
      ) : (
        <DataTable label={t(kind.title)} head={shown.map((f) => t(f.label))}>
          {list.items.map((person) => (
            <tr>
              {shown.map((f, i) => (
                <td>{i === 0 ? <a href={`${base}/${person.id}`}>{person[f.name]}</a> : person[f.name]}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
      {list.nextCursor ? (
        <p>
          <a href={`${base}?${new URLSearchParams({ q: list.q, cursor: list.nextCursor }).toString()}`}>{t('console.people.more')}</a>
        </p>
      ) : null}
      {kind.import ? <ImportForm ctx={ctx} kind={kind} texts={kind.import} outcome={imported} /> : null}
    </>,
    { status },
  );
}

function ImportForm({ ctx, kind, texts, outcome }: { ctx: PageContext; kind: PersonKind; texts: { hint: MessageKey; done: MessageKey }; outcome?: ImportOutcome }) {
  const { t } = ctx;
  // Multipart bodies are read after the guards run, so this form's CSRF token rides in its address.
  const action = `/console/${kind.path}/import?_csrf=${encodeURIComponent(ctx.csrf)}`;
  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('console.import.heading')}</h2>
      <p class="hint">{t(texts.hint)}</p>
      {outcome?.ok ? <Notice tone="success">{t(texts.done, { updated: 0, skipped: 0, count: outcome.ok.total, ...outcome.ok })}</Notice> : null}
      {outcome?.error ? <Notice tone="error">{outcome.error}</Notice> : null}
      {outcome?.rows ? (
        <Notice tone="error">
          {t('console.import.rejected', { count: outcome.rowCount ?? outcome.rows.length })}
          <ul class="problems">
            {outcome.rows.map((r) => (
              <li>{t('console.import.line', { line: r.line, reason: r.reason })}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <form method="post" action={action} encType="multipart/form-data">
        <Field id="file" label={t('console.import.file')}>
          {() => <input type="file" id="file" name="file" accept=".csv,text/csv" required />}
        </Field>
        <button type="submit">{t('console.import.submit')}</button>
      </form>
    </section>
  );
}

/** Add (no id) or edit a person; editing also offers deleting them, saying what that does. */
export function personFormPage(ctx: PageContext, kind: PersonKind, values: PersonValues, id?: string, errors: FormErrors = {}, status = 200): PageView {
  const { t } = ctx;
  const base = `/console/${kind.path}`;
  const title = id ? values.name || t(kind.title) : t(kind.add);
  return page(
    title,
    <>
      <PageHeading title={title} />
      <p>
        <a href={base}>{t('console.people.back')}</a>
      </p>
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <PostForm ctx={ctx} action={id ? `${base}/${id}` : base} novalidate class="card">
        {kind.fields.map((f) => (
          <Field id={`f-${f.name}`} label={t(f.label)} hint={f.hint ? t(f.hint) : undefined} error={errors[f.name]}>
            {(d, invalid) => {
              const common = { id: `f-${f.name}`, name: f.name, value: values[f.name] ?? '', 'aria-describedby': d, 'aria-invalid': invalid ? ('true' as const) : undefined };
              if (f.type === 'email') return <input type="email" required {...common} />;
              return <input type="text" inputMode={f.type === 'number' ? 'numeric' : undefined} required={f.name === 'name'} {...common} />;
            }}
          </Field>
        ))}
        <button type="submit">{t(id ? 'console.save' : 'console.people.create')}</button>
      </PostForm>
      {id ? (
        <section class="card" aria-labelledby="delete-heading">
          <h2 id="delete-heading">{t('console.people.deleteHeading')}</h2>
          <p>{t(kind.deleteText)}</p>
          <PostForm ctx={ctx} action={`${base}/${id}/delete`}>
            <button type="submit" class="button-danger">
              {t('console.people.delete', { name: values.name ?? '' })}
            </button>
          </PostForm>
        </section>
      ) : null}
    </>,
    { status },
  );
}
