import type { Event } from '../../events/entities/event.entity';
import type { FloorPlanResponse } from '../../floor/dto/floor-plan.dto';
import { EmptyState, Field, Notice, PageHeading, PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { DataTable } from './console';

export interface FloorUpload {
  problems?: string[];
  error?: string;
  /** The refusal is of a place's removal (shown by the places), not of an upload. */
  places?: boolean;
}

/** Who is at each place, by id: exhibitors' and volunteers' names. */
export interface FloorNames {
  exhibitors: Map<string, string>;
  volunteers: Map<string, string>;
}

/**
 * The floor plan as the map everyone sees; its places, each edited by its own form (issue 13)
 * or removed; the JSON to download and edit, and a JSON upload.
 */
export function floorPage(ctx: PageContext, event: Event, svg: string, plan: FloorPlanResponse, names: FloorNames, upload: FloorUpload = {}, status = 200): PageView {
  const { t } = ctx;
  const json = JSON.stringify({ version: plan.version, halls: plan.halls }, null, 2);
  const action = `/console/events/${event.id}/floor?_csrf=${encodeURIComponent(ctx.csrf)}`;
  return page(
    t('console.day.floor'),
    <>
      <PageHeading title={t('console.day.floor')} lead={event.name} />
      {/* Our own SVG, built by src/floor/svg with every text escaped. */}
      <div class="floor-map" role="img" aria-label={t('console.floor.map', { name: event.name })} dangerouslySetInnerHTML={{ __html: svg }} />
      <Places ctx={ctx} event={event} plan={plan} names={names} upload={upload} />
      <section class="card" aria-labelledby="floor-upload">
        <h2 id="floor-upload">{t('console.floor.upload')}</h2>
        <p class="hint">{t('console.floor.uploadHint')}</p>
        {upload.places ? null : <Refusal t={t} error={upload.error} problems={upload.problems} />}
        <form method="post" action={action} encType="multipart/form-data">
          <Field id="plan" label={t('console.floor.file')}>
            {() => <input type="file" id="plan" name="file" accept=".json,application/json" required />}
          </Field>
          <button type="submit">{t('console.floor.submit')}</button>
        </form>
      </section>
      <details>
        <summary>{t('console.floor.json')}</summary>
        <label for="plan-json" class="visually-hidden">
          {t('console.floor.json')}
        </label>
        <textarea id="plan-json" rows={12} readOnly>
          {json}
        </textarea>
      </details>
    </>,
    { status },
  );
}

/** Every place of the plan with what is there, a link to its form, and a button removing it. */
function Places({ ctx, event, plan, names, upload }: { ctx: PageContext; event: Event; plan: FloorPlanResponse; names: FloorNames; upload: FloorUpload }) {
  const { t } = ctx;
  const base = `/console/events/${event.id}/floor`;
  const rows = plan.halls.flatMap((hall) => hall.places.map((place) => ({ hall, place })));
  return (
    <section class="card" aria-labelledby="floor-places">
      <h2 id="floor-places">{t('console.floor.places')}</h2>
      {upload.places ? <Refusal t={t} error={upload.error} problems={upload.problems} /> : null}
      {plan.halls.length ? (
        <p>
          <a class="button" href={`${base}/place`}>
            {t('console.floor.addPlace')}
          </a>
        </p>
      ) : (
        <EmptyState>{t('console.floor.noHalls')}</EmptyState>
      )}
      {rows.length ? (
        <DataTable label={t('console.floor.placesTable')} head={[t('console.floor.place'), t('console.floor.hall'), t('console.floor.kind'), t('console.floor.at'), t('console.floor.who'), t('console.actions')]}>
          {rows.map(({ hall, place }) => (
            <tr>
              <td>{place.label}</td>
              <td>{hall.name}</td>
              <td>{t(`console.floor.kinds.${place.kind}`)}</td>
              <td>{t('console.floor.atText', { x: place.x, y: place.y, width: place.width, height: place.height })}</td>
              <td>
                {[
                  ...(place.exhibitorId ? [names.exhibitors.get(place.exhibitorId) ?? ''] : []),
                  ...[...new Set((place.assignments ?? []).map((a) => a.volunteerId))].map((id) => names.volunteers.get(id) ?? ''),
                ]
                  .filter(Boolean)
                  .join(', ')}
              </td>
              <td>
                <div class="actions">
                  <a href={`${base}/place?label=${encodeURIComponent(place.label)}`} aria-label={t('console.floor.editOf', { label: place.label })}>
                    {t('console.floor.edit')}
                  </a>
                  <PostForm ctx={ctx} action={`${base}/place/remove`}>
                    <input type="hidden" name="version" value={String(plan.version)} />
                    <input type="hidden" name="label" value={place.label} />
                    <button type="submit" class="button-secondary" aria-label={t('console.floor.removeOf', { label: place.label })}>
                      {t('console.floor.remove')}
                    </button>
                  </PostForm>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

/** Why the plan was not saved: one message, or the plan's problems in words (the first 50). */
export function Refusal({ t, error, problems }: { t: PageContext['t']; error?: string; problems?: string[] }) {
  return (
    <>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {problems ? (
        <Notice tone="error">
          {t('console.floor.problems', { count: problems.length })}
          <ul class="problems">
            {problems.slice(0, 50).map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </>
  );
}
