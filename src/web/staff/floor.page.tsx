import type { Event } from '../../events/entities/event.entity';
import { Field, Notice, PageHeading } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';

export interface FloorUpload {
  problems?: string[];
  error?: string;
}

/** The floor plan as the map everyone sees, its JSON to download and edit, and a JSON upload. */
export function floorPage(ctx: PageContext, event: Event, svg: string, json: string, upload: FloorUpload = {}, status = 200): PageView {
  const { t } = ctx;
  const action = `/console/events/${event.id}/floor?_csrf=${encodeURIComponent(ctx.csrf)}`;
  return page(
    t('console.day.floor'),
    <>
      <PageHeading title={t('console.day.floor')} lead={event.name} />
      {/* Our own SVG, built by src/floor/svg with every text escaped. */}
      <div class="floor-map" role="img" aria-label={t('console.floor.map', { name: event.name })} dangerouslySetInnerHTML={{ __html: svg }} />
      <section class="card" aria-labelledby="floor-upload">
        <h2 id="floor-upload">{t('console.floor.upload')}</h2>
        <p class="hint">{t('console.floor.uploadHint')}</p>
        {upload.error ? <Notice tone="error">{upload.error}</Notice> : null}
        {upload.problems ? (
          <Notice tone="error">
            {t('console.floor.problems', { count: upload.problems.length })}
            <ul class="problems">
              {upload.problems.slice(0, 50).map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
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
