import { PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';

/** For a phone lost or a shared computer left signed in: ends every session of this person. */
export function SignOutEverywhere({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section class="account" aria-labelledby="account-heading">
      <h2 id="account-heading">{t('account.heading')}</h2>
      <p class="hint">{t('account.everywhereHint')}</p>
      <PostForm ctx={ctx} action="/sign-out">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" class="button-secondary">
          {t('account.everywhere')}
        </button>
      </PostForm>
    </section>
  );
}
