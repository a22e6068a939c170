import type { Event } from '../../events/entities/event.entity';
import type { FloorPlanResponse } from '../../floor/dto/floor-plan.dto';
import { PLACE_KINDS, ROTATIONS } from '../../floor/floor-plan.types';
import { Field, PageHeading, PostForm } from '../layout/components';
import type { FormErrors } from '../layout/form-dto';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { Select } from './console';
import type { PlaceFormValues } from './floor-place-form';
import { Refusal } from './floor.page';

/** What the form offers to choose from: the plan's halls, the event's exhibitors and volunteers. */
export interface PlaceChoices {
  halls: FloorPlanResponse['halls'];
  exhibitors: [string, string][];
  volunteers: [string, string][];
}

/** Why the plan refused the place as a whole (overlaps, outside the hall, a label taken…), or a stale plan. */
export interface PlaceRefusal {
  problems?: string[];
  error?: string;
}

/**
 * Issue 13: one place of the floor plan (a booth, an interview table, …) edited, or added, by a
 * plain form: its hall, label, kind, position and size, the exhibitor at a booth and the
 * volunteers at a table with their times on the event's clock. One empty row adds a volunteer;
 * choosing "nobody" in a row removes it.
 */
export function placeFormPage(
  ctx: PageContext,
  event: Event,
  values: PlaceFormValues,
  choices: PlaceChoices,
  errors: FormErrors = {},
  refusal: PlaceRefusal = {},
  status = 200,
): PageView {
  const { t } = ctx;
  const base = `/console/events/${event.id}/floor`;
  const title = values.original ? t('console.floor.editTitle', { label: values.original }) : t('console.floor.addTitle');
  const rows = [...values.assignments, { volunteerId: '', startsAt: '', endsAt: '' }];
  const number = (name: 'x' | 'y' | 'width' | 'height', label: string, min: string) => (
    <Field id={`place-${name}`} label={label} error={errors[name]}>
      {(describedBy, invalid) => (
        <input type="number" id={`place-${name}`} name={name} value={values[name]} step="0.1" min={min} max="1000" required inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid || undefined} />
      )}
    </Field>
  );
  return page(
    title,
    <>
      <PageHeading title={title} lead={t('console.floor.placeLead', { name: event.name })} />
      <Refusal t={t} error={refusal.error} problems={refusal.problems} />
      <PostForm ctx={ctx} action={`${base}/place`} class="card" noValidate>
        <input type="hidden" name="version" value={values.version} />
        <input type="hidden" name="original" value={values.original} />
        <Field id="place-hall" label={t('console.floor.hall')} error={errors.hall}>
          {(describedBy) => <Select id="place-hall" name="hall" value={values.hall} options={choices.halls.map((h) => [h.key, h.name])} describedBy={describedBy} />}
        </Field>
        <Field id="place-label" label={t('console.floor.label')} hint={t('console.floor.labelHint')} error={errors.label}>
          {(describedBy, invalid) => <input type="text" id="place-label" name="label" value={values.label} maxLength={40} required aria-describedby={describedBy} aria-invalid={invalid || undefined} />}
        </Field>
        <Field id="place-kind" label={t('console.floor.kind')} error={errors.kind}>
          {(describedBy) => <Select id="place-kind" name="kind" value={values.kind} options={PLACE_KINDS.map((k) => [k, t(`console.floor.kinds.${k}`)])} describedBy={describedBy} />}
        </Field>
        <fieldset>
          <legend>{t('console.floor.where')}</legend>
          <p class="hint">{t('console.floor.whereHint')}</p>
          {number('x', t('console.floor.x'), '-1000')}
          {number('y', t('console.floor.y'), '-1000')}
          {number('width', t('console.floor.width'), '0.1')}
          {number('height', t('console.floor.height'), '0.1')}
          <Field id="place-rotation" label={t('console.floor.rotation')} error={errors.rotation}>
            {(describedBy) => <Select id="place-rotation" name="rotation" value={values.rotation} options={ROTATIONS.map((r) => [String(r), t('console.floor.degrees', { degrees: r })])} describedBy={describedBy} />}
          </Field>
        </fieldset>
        <Field id="place-exhibitor" label={t('console.floor.exhibitor')} hint={t('console.floor.exhibitorHint')} error={errors.exhibitorId}>
          {(describedBy) => (
            <Select id="place-exhibitor" name="exhibitorId" value={values.exhibitorId} options={[['', t('console.floor.nobody')], ...choices.exhibitors]} describedBy={describedBy} />
          )}
        </Field>
        <fieldset aria-describedby={errors.assignments ? 'assignments-error' : 'assignments-hint'}>
          <legend>{t('console.floor.assignments')}</legend>
          <p class="hint" id="assignments-hint">
            {t('console.floor.assignmentsHint', { zone: ctx.time.zoneName(event.startsAt, event.timezone) })}
          </p>
          {errors.assignments ? (
            <p class="field-error" id="assignments-error">
              {errors.assignments}
            </p>
          ) : null}
          {rows.map((row, i) => (
            <div class="assignment">
              <Field id={`a-${i}-volunteer`} label={t('console.floor.volunteerN', { n: i + 1 })}>
                {() => <Select id={`a-${i}-volunteer`} name="assignmentVolunteer" value={row.volunteerId} options={[['', t('console.floor.nobody')], ...choices.volunteers]} />}
              </Field>
              <Field id={`a-${i}-starts`} label={t('console.floor.fromN', { n: i + 1 })}>
                {() => <input type="datetime-local" id={`a-${i}-starts`} name="assignmentStartsAt" value={row.startsAt} />}
              </Field>
              <Field id={`a-${i}-ends`} label={t('console.floor.untilN', { n: i + 1 })}>
                {() => <input type="datetime-local" id={`a-${i}-ends`} name="assignmentEndsAt" value={row.endsAt} />}
              </Field>
            </div>
          ))}
        </fieldset>
        <button type="submit">{values.original ? t('console.save') : t('console.floor.addSubmit')}</button>
      </PostForm>
      <p>
        <a href={base}>{t('console.floor.back')}</a>
      </p>
    </>,
    { status },
  );
}
