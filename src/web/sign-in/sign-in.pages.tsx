import { Field, Notice, PageHeading, PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';

export interface SignInForm {
  email?: string;
  next?: string;
  emailError?: string;
  staffError?: string;
}

/** The front page: what this is, and the three ways in (e-mail link, typed code, staff password). */
export function landingPage(ctx: PageContext, form: SignInForm = {}, status = 200): PageView {
  const { t } = ctx;
  const next = form.next && form.next !== '/home' ? form.next : undefined;
  return page(
    t('landing.title'),
    <div class="sign-in-grid">
      <section>
        <PageHeading title={t('landing.heading', { brand: ctx.brand.name })} lead={t('landing.lead', { brand: ctx.brand.name })} />
        <ul class="meta">
          <li>{t('landing.forStudents')}</li>
          <li>{t('landing.forVolunteers')}</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">{t('signIn.heading')}</h2>
        <p class="hint">{t('signIn.hint')}</p>
        <PostForm ctx={ctx} action="/sign-in" novalidate>
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <Field id="email" label={t('signIn.email')} error={form.emailError}>
            {(describedBy, invalid) => (
              <input
                type="email"
                id="email"
                name="email"
                autocomplete="email"
                inputMode="email"
                required
                value={form.email ?? ''}
                aria-describedby={describedBy}
                aria-invalid={invalid ? 'true' : undefined}
              />
            )}
          </Field>
          <button type="submit">{t('signIn.send')}</button>
        </PostForm>
        <p>
          <a href={next ? `/sign-in/code?next=${encodeURIComponent(next)}` : '/sign-in/code'}>{t('signIn.haveCode')}</a>
        </p>
        <details open={form.staffError ? true : undefined}>
          <summary>{t('signIn.staffHeading')}</summary>
          <PostForm ctx={ctx} action="/sign-in/staff" novalidate>
            {next ? <input type="hidden" name="next" value={next} /> : null}
            {form.staffError ? <Notice tone="error">{form.staffError}</Notice> : null}
            <Field id="staff-email" label={t('signIn.email')}>
              {() => <input type="email" id="staff-email" name="email" autocomplete="username" required />}
            </Field>
            <Field id="staff-password" label={t('signIn.password')}>
              {() => <input type="password" id="staff-password" name="password" autocomplete="current-password" required />}
            </Field>
            <button type="submit" class="button-secondary">
              {t('signIn.staffSubmit')}
            </button>
          </PostForm>
        </details>
      </section>
    </div>,
    { status },
  );
}

export interface CodeForm {
  email?: string;
  next?: string;
  error?: string;
}

/** Typing the short code from the mail (bound to the address it went to). */
export function codePage(ctx: PageContext, form: CodeForm = {}, status = 200): PageView {
  const { t } = ctx;
  return page(
    t('signInCode.title'),
    <div class="card">
      <PageHeading title={t('signInCode.heading')} lead={t('signInCode.lead')} />
      {form.error ? <Notice tone="error">{form.error}</Notice> : null}
      <PostForm ctx={ctx} action="/sign-in/code" novalidate>
        {form.next ? <input type="hidden" name="next" value={form.next} /> : null}
        <Field id="email" label={t('signIn.email')}>
          {() => <input type="email" id="email" name="email" autocomplete="email" inputMode="email" required value={form.email ?? ''} />}
        </Field>
        <Field id="code" label={t('signInCode.code')} hint={t('signInCode.codeHint')}>
          {(describedBy) => (
            <input
              type="text"
              id="code"
              name="code"
              class="code-input"
              autocomplete="one-time-code"
              autocapitalize="characters"
              spellcheck={false}
              required
              maxLength={12}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <button type="submit">{t('signInCode.submit')}</button>
      </PostForm>
      <p>
        <a href="/">{t('signInCode.newCode')}</a>
      </p>
    </div>,
    { status },
  );
}

/**
 * What the mailed link opens. Opening it signs nobody in (mail scanners open every link);
 * the button does. The token travels in the form, and the page sends no Referer.
 */
export function linkPage(ctx: PageContext, token: string | undefined, error?: string, status = 200): PageView {
  const { t } = ctx;
  return page(
    t('signInLink.title'),
    <div class="card">
      <PageHeading title={t('signInLink.heading', { brand: ctx.brand.name })} lead={token && !error ? t('signInLink.lead') : undefined} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {token && !error ? (
        <PostForm ctx={ctx} action="/sign-in/link">
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t('signInLink.submit')}</button>
        </PostForm>
      ) : (
        <p>
          <a href="/">{t('signInLink.askAgain')}</a>
        </p>
      )}
    </div>,
    { status, noReferrer: true },
  );
}
