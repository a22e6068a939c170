import { footprint } from '../floor-plan-rules';
import type { FloorPlanDocument, PlaceDoc, PlaceKind } from '../floor-plan.types';
import { escapeXml, shortenLabel, shortenName } from './svg-text';
import { clockTime, PlaceText, tableText, VolunteerLabel } from './table-text';

export interface FloorPlanSvgInput {
  title: string;
  plan: FloorPlanDocument;
  /** Organization names by exhibitor id. */
  exhibitorNames: ReadonlyMap<string, string>;
  /** Label of the place to highlight. */
  highlight?: string;
  /** Names and organizations of the volunteers the tables' assignments name, by id. */
  volunteers?: ReadonlyMap<string, VolunteerLabel>;
  /** Label each interview table with who sits there at this instant, instead of over the day. */
  at?: Date;
  /** The event's zone, for the times in tooltips and the `at` note. */
  timezone?: string;
}

interface KindStyle {
  name: string;
  fill: string;
  stroke: string;
}

/** Colours chosen to stay apart for common colour-vision deficiencies and in greyscale print. */
export const KIND_STYLES: Record<PlaceKind, KindStyle> = {
  booth: { name: 'Booth', fill: '#dbeafe', stroke: '#1d4ed8' },
  interview_table: { name: 'Interview table', fill: '#dcfce7', stroke: '#15803d' },
  check_in: { name: 'Check-in', fill: '#fde68a', stroke: '#92400e' },
  entrance: { name: 'Entrance', fill: '#c7d2fe', stroke: '#3730a3' },
  exit: { name: 'Exit', fill: '#fecaca', stroke: '#991b1b' },
  restroom: { name: 'Restroom', fill: '#e9d5ff', stroke: '#6b21a8' },
};

const WIDTH = 1000;
const MARGIN = 24;
const HALL_HEADER = 30;
const HALL_GAP = 24;
const LEGEND_ROW = 24;
const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';
const HIGHLIGHT = '#dc2626';

const n = (v: number) => String(Math.round(v * 100) / 100);

/**
 * Renders a floor plan as a standalone SVG: halls stacked top to bottom, all at one scale so
 * their sizes compare; each place with its label and a shortened caption (a booth's exhibitor,
 * an interview table's volunteers), the full text in a tooltip; a legend by kind and a scale
 * bar. Pure and deterministic.
 */
export function renderFloorPlanSvg(input: FloorPlanSvgInput): string {
  const { plan, highlight } = input;
  const widest = Math.max(1, ...plan.halls.map((h) => h.width));
  // Pixels per metre: the widest hall fills the width; a narrow plan is not blown up absurdly.
  const scale = Math.min(60, (WIDTH - 2 * MARGIN) / widest);

  const body: string[] = [];
  let y = MARGIN + 36;
  body.push(text(MARGIN, MARGIN + 18, input.title, { size: 22, weight: 'bold' }));
  if (plan.halls.length === 0) {
    body.push(text(MARGIN, y + 20, 'No floor plan yet.', { size: 16 }));
    y += 40;
  }
  let highlighted: { label: string; hall: string; name?: string } | undefined;
  for (const hall of plan.halls) {
    body.push(text(MARGIN, y + 20, hall.name, { size: 18, weight: 'bold' }));
    body.push(text(MARGIN + WIDTH - 2 * MARGIN, y + 20, `${n(hall.width)} × ${n(hall.height)} m`, { size: 13, anchor: 'end', fill: '#475569' }));
    const top = y + HALL_HEADER;
    const hallW = hall.width * scale;
    const hallH = hall.height * scale;
    body.push(`<g aria-label="${escapeXml(hall.name)}">`);
    body.push(`<rect x="${n(MARGIN)}" y="${n(top)}" width="${n(hallW)}" height="${n(hallH)}" fill="#f8fafc" stroke="#334155" stroke-width="2"/>`);
    for (const place of hall.places) {
      const detail = placeText(place, input);
      const isHighlighted = highlight !== undefined && place.label === highlight;
      if (isHighlighted) highlighted = { label: place.label, hall: hall.name, name: detail?.full };
      body.push(renderPlace(place, detail, MARGIN, top, scale, isHighlighted));
    }
    body.push('</g>');
    y = top + hallH + HALL_GAP;
  }

  const legendTop = y;
  const kinds = Object.entries(KIND_STYLES) as [PlaceKind, KindStyle][];
  body.push(text(MARGIN, legendTop + 14, 'Legend', { size: 14, weight: 'bold' }));
  kinds.forEach(([, style], i) => {
    const col = i % 3;
    const row = Math.floor(i / 3);
    const lx = MARGIN + col * 200;
    const ly = legendTop + 24 + row * LEGEND_ROW;
    body.push(`<rect x="${lx}" y="${ly}" width="24" height="16" fill="${style.fill}" stroke="${style.stroke}" stroke-width="2"/>`);
    body.push(text(lx + 32, ly + 13, style.name, { size: 13 }));
  });
  const barTop = legendTop + 24 + Math.ceil(kinds.length / 3) * LEGEND_ROW + 8;
  const barMetres = niceBarLength(widest);
  body.push(`<rect x="${MARGIN}" y="${barTop}" width="${n(barMetres * scale)}" height="6" fill="#334155"/>`);
  body.push(text(MARGIN + barMetres * scale + 8, barTop + 7, `${barMetres} m`, { size: 13 }));
  let height = barTop + 24;
  if (input.at) {
    body.push(text(MARGIN, height + 14, `Interview tables at ${clockTime(input.at, input.timezone ?? 'UTC', true)}`, { size: 13, weight: 'bold' }));
    height += 28;
  }
  if (highlight !== undefined) {
    const note = highlighted
      ? `Highlighted: ${shortenName(highlighted.label, 40)}${highlighted.name ? ` (${shortenName(highlighted.name, 50)})` : ''} in ${shortenName(highlighted.hall, 40)}`
      : `No place is labelled ${shortenName(highlight, 40)}`;
    body.push(`<rect x="${MARGIN}" y="${height}" width="18" height="18" fill="none" stroke="${HIGHLIGHT}" stroke-width="4"/>`);
    body.push(text(MARGIN + 26, height + 14, note, { size: 13, weight: 'bold', fill: HIGHLIGHT }));
    height += 28;
  }
  height += MARGIN;

  const counts = kinds
    .map(([kind, style]) => [style.name, plan.halls.reduce((sum, h) => sum + h.places.filter((p) => p.kind === kind).length, 0)] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${count} × ${name.toLowerCase()}`);
  const desc =
    `Floor plan with ${plan.halls.length} hall(s)` +
    (plan.halls.length ? `: ${plan.halls.map((h) => `${h.name} (${n(h.width)} by ${n(h.height)} metres)`).join(', ')}` : '') +
    (counts.length ? `. Places: ${counts.join(', ')}` : '') +
    (input.at ? `. Interview tables show who sits there at ${clockTime(input.at, input.timezone ?? 'UTC', true)}` : '') +
    (highlighted ? `. Highlighted: ${highlighted.label}${highlighted.name ? `, ${highlighted.name}` : ''}, in ${highlighted.hall}` : '') +
    '.';

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${WIDTH}" height="${n(height)}" viewBox="0 0 ${WIDTH} ${n(height)}" role="img" aria-labelledby="fp-title fp-desc" font-family="${FONT}">`,
    `<title id="fp-title">${escapeXml(`Floor plan: ${input.title}`)}</title>`,
    `<desc id="fp-desc">${escapeXml(desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Booths name their exhibitor; interview tables their volunteers. */
function placeText(place: PlaceDoc, input: FloorPlanSvgInput): PlaceText | undefined {
  if (place.kind === 'interview_table') return tableText(place.assignments ?? [], input.volunteers ?? new Map(), input.timezone ?? 'UTC', input.at);
  const name = place.exhibitorId ? input.exhibitorNames.get(place.exhibitorId) : undefined;
  return name === undefined ? undefined : { caption: (max) => shortenName(name, max), full: name };
}

function renderPlace(place: PlaceDoc, detail: PlaceText | undefined, left: number, top: number, scale: number, highlighted: boolean): string {
  const style = KIND_STYLES[place.kind];
  const x = left + place.x * scale;
  const y = top + place.y * scale;
  const w = place.width * scale;
  const h = place.height * scale;
  const box = footprint(place);
  const cx = left + ((box.left + box.right) / 2) * scale;
  const cy = top + ((box.top + box.bottom) / 2) * scale;
  const fw = (box.right - box.left) * scale;
  const fh = (box.bottom - box.top) * scale;
  const rotate = place.rotation ? ` transform="rotate(${place.rotation} ${n(cx)} ${n(cy)})"` : '';
  const service = place.kind === 'entrance' || place.kind === 'check_in';
  const parts = [
    `<g class="place ${place.kind}${highlighted ? ' highlighted' : ''}" data-label="${escapeXml(place.label)}">`,
    `<title>${escapeXml([place.label, style.name, detail?.full].filter(Boolean).join(' · '))}</title>`,
    `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="${service ? 3 : 1.5}"${place.kind === 'exit' ? ' stroke-dasharray="6 3"' : ''}${rotate}/>`,
  ];
  if (highlighted) {
    parts.push(`<rect x="${n(cx - fw / 2 - 5)}" y="${n(cy - fh / 2 - 5)}" width="${n(fw + 10)}" height="${n(fh + 10)}" fill="none" stroke="${HIGHLIGHT}" stroke-width="4"/>`);
  }
  // Text reads left to right whatever the rotation; in a tall, narrow place it runs upwards
  // instead, as on printed floor plans. It is sized to the room it has.
  const upright = fh > fw * 1.6;
  const [along, across] = upright ? [fh, fw] : [fw, fh];
  const size = Math.max(7, Math.min(13, across / 2.6, along / 4));
  const maxChars = Math.max(1, Math.floor(along / (size * 0.62)));
  // The caption a size smaller than the bold label: it reads as secondary and fits a name more.
  const captionSize = Math.max(7, size * 0.85);
  const captionChars = Math.max(1, Math.floor(along / (captionSize * 0.62)));
  const kindCaption = place.kind === 'booth' || place.kind === 'interview_table' || sameWords(place.label, style.name) ? undefined : style.name;
  const caption = detail ? detail.caption(captionChars) : kindCaption && shortenName(kindCaption, captionChars);
  const lines = [shortenLabel(place.label, maxChars), ...(caption && across >= size * 2.3 ? [caption] : [])];
  const firstY = cy - ((lines.length - 1) * size * 1.15) / 2 + size * 0.35;
  const turn = upright ? `rotate(-90 ${n(cx)} ${n(cy)})` : undefined;
  lines.forEach((line, i) =>
    parts.push(text(cx, firstY + i * size * 1.15, line, { size: i === 0 ? size : captionSize, anchor: 'middle', weight: i === 0 ? 'bold' : 'normal', transform: turn })),
  );
  if (service) parts.push(marker(place.kind as 'entrance' | 'check_in', cx + fw / 2, cy - fh / 2, style.stroke));
  parts.push('</g>');
  return parts.join('');
}

/**
 * A badge on the corner of the entrance (an arrow in) and the check-in desk (a tick), drawn
 * as paths so they look the same whatever fonts the phone has.
 */
function marker(kind: 'entrance' | 'check_in', x: number, y: number, colour: string): string {
  const r = 9;
  const glyph =
    kind === 'entrance'
      ? `M${n(x - 5)} ${n(y)} h8 m-3.5 -3.5 l3.5 3.5 l-3.5 3.5`
      : `M${n(x - 4.5)} ${n(y + 0.5)} l3 3 l6 -6.5`;
  return (
    `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="${colour}"/>` +
    `<path d="${glyph}" fill="none" stroke="#ffffff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`
  );
}

const sameWords = (a: string, b: string) => a.toLowerCase().replace(/[^a-z0-9]/g, '') === b.toLowerCase().replace(/[^a-z0-9]/g, '');

function text(
  x: number,
  y: number,
  content: string,
  o: { size: number; weight?: 'bold' | 'normal'; anchor?: 'start' | 'middle' | 'end'; fill?: string; transform?: string },
): string {
  return (
    `<text x="${n(x)}" y="${n(y)}" font-size="${n(o.size)}"` +
    (o.weight === 'bold' ? ' font-weight="bold"' : '') +
    (o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : '') +
    (o.transform ? ` transform="${o.transform}"` : '') +
    ` fill="${o.fill ?? '#0f172a'}">${escapeXml(content)}</text>`
  );
}

/** A round scale-bar length, about a fifth of the widest hall. */
function niceBarLength(widest: number): number {
  const target = widest / 5;
  for (const candidate of [1, 2, 5, 10, 20, 50, 100, 200]) if (candidate >= target) return candidate;
  return 200;
}
