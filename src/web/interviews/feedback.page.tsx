import type { FeedbackResponse } from '../../feedback/dto/feedback.dto';
import { Field, Notice, PageHeading, PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import type { InterviewView } from './interview-pages.service';

const SCALE = [1, 2, 3, 4] as const;

/**
 * Issue 12: the volunteer's feedback form, linked from the mail sent when the interview ended.
 * One fieldset of four radio buttons per criterion and a comment; it works without JavaScript.
 */
export function feedbackPage(ctx: PageContext, item: InterviewView, feedback: FeedbackResponse): PageView {
  const { t, time } = ctx;
  const name = item.booking.student.name;
  const ended = item.endsAt.getTime() <= ctx.now.getTime();
  const locked = feedback.editableUntil !== null && new Date(feedback.editableUntil).getTime() < ctx.now.getTime();
  const scoreOf = new Map(feedback.scores.map((s) => [s.criterion, s.score]));
  return page(
    t('feedback.title'),
    <>
      <PageHeading title={t('feedback.heading', { name })} lead={t('feedback.lead', { name })}>
        <p class="meta">{item.event.name}</p>
      </PageHeading>
      {!ended ? <Notice tone="info">{t('feedback.tooEarly')}</Notice> : null}
      {locked ? <Notice tone="info">{t('feedback.locked')}</Notice> : null}
      {ended && !locked ? (
        <PostForm ctx={ctx} action={`/interviews/${item.booking.id}/feedback`} class="card">
          {feedback.criteria.map((criterion) => (
            <fieldset>
              <legend>{criterion.label}</legend>
              <div class="scale">
                {SCALE.map((score) => (
                  <label>
                    <input type="radio" name={`score-${criterion.key}`} value={String(score)} required checked={scoreOf.get(criterion.key) === score} />
                    {t(`feedback.score.${score}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <Field id="feedback-comment" label={t('feedback.comment')} hint={t('feedback.commentHint')}>
            {(describedBy) => (
              <textarea id="feedback-comment" name="comment" rows={5} maxLength={2000} aria-describedby={describedBy}>
                {feedback.comment ?? ''}
              </textarea>
            )}
          </Field>
          {feedback.editableUntil ? <p class="hint">{t('feedback.editableUntil', { time: time.dateTime(new Date(feedback.editableUntil), item.event.timezone) })}</p> : null}
          <button type="submit">{feedback.submitted ? t('feedback.update') : t('feedback.send')}</button>
        </PostForm>
      ) : null}
      {locked ? <FeedbackShown ctx={ctx} feedback={feedback} /> : null}
      <p>
        <a href={`/interviews/${item.booking.id}`}>{t('interview.title')}</a>
      </p>
    </>,
  );
}

/** The feedback as its student reads it (and its volunteer once it is locked). */
export function FeedbackShown({ ctx, feedback }: { ctx: PageContext; feedback: FeedbackResponse }) {
  const { t } = ctx;
  if (!feedback.submitted) return <p class="hint">{t('feedback.none')}</p>;
  return (
    <div class="card">
      <dl class="meta-list">
        {feedback.scores.map((s) => (
          <>
            <dt>{s.label}</dt>
            <dd>{t('feedback.scoreOf', { score: s.score })}</dd>
          </>
        ))}
        {feedback.comment ? (
          <>
            <dt>{t('feedback.comment')}</dt>
            <dd>{feedback.comment}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
