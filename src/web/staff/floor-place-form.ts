import type { PlaceResponse } from '../../floor/dto/floor-plan.dto';
import { field, fields, FormBody } from '../layout/form';
import { instantOf, localOf } from './event-form';

/** One volunteer's time at an interview table, as the form shows it (times on the event's clock). */
export interface AssignmentValues {
  volunteerId: string;
  startsAt: string;
  endsAt: string;
}

/** The form of one place as typed; `original` is the label of the place edited ('' for a new one). */
export interface PlaceFormValues {
  version: string;
  original: string;
  hall: string;
  label: string;
  kind: string;
  x: string;
  y: string;
  width: string;
  height: string;
  rotation: string;
  exhibitorId: string;
  assignments: AssignmentValues[];
}

export const PLACE_NUMBER_FIELDS = ['x', 'y', 'width', 'height'] as const;

/** A stored place (times as the API gives them, any offset) as the form shows it. */
export function placeFormValues(version: number, hall: string, place: PlaceResponse | undefined, zone: string): PlaceFormValues {
  return {
    version: String(version),
    original: place?.label ?? '',
    hall,
    label: place?.label ?? '',
    kind: place?.kind ?? 'booth',
    x: String(place?.x ?? 0),
    y: String(place?.y ?? 0),
    width: String(place?.width ?? 2),
    height: String(place?.height ?? 2),
    rotation: String(place?.rotation ?? 0),
    exhibitorId: place?.exhibitorId ?? '',
    assignments: (place?.assignments ?? []).map((a) => ({
      volunteerId: a.volunteerId,
      startsAt: localOf(new Date(a.startsAt), zone),
      endsAt: localOf(new Date(a.endsAt), zone),
    })),
  };
}

const numberOrText = (value: string): number | string => (/^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);

/**
 * The posted form as typed, and as the plain object PlaceDto validates. An assignment row whose
 * volunteer is "none" is left out, which is how a row is removed.
 */
export function readPlaceForm(body: FormBody, zone: string): { values: PlaceFormValues; plain: Record<string, unknown> } {
  const volunteers = fields(body, 'assignmentVolunteer');
  const starts = fields(body, 'assignmentStartsAt');
  const ends = fields(body, 'assignmentEndsAt');
  const assignments = volunteers.map((volunteerId, i) => ({ volunteerId, startsAt: starts[i] ?? '', endsAt: ends[i] ?? '' })).filter((a) => a.volunteerId !== '');
  const values: PlaceFormValues = {
    version: field(body, 'version'),
    original: field(body, 'original'),
    hall: field(body, 'hall'),
    label: field(body, 'label'),
    kind: field(body, 'kind'),
    x: field(body, 'x'),
    y: field(body, 'y'),
    width: field(body, 'width'),
    height: field(body, 'height'),
    rotation: field(body, 'rotation'),
    exhibitorId: field(body, 'exhibitorId'),
    assignments,
  };
  const plain: Record<string, unknown> = { label: values.label, kind: values.kind, rotation: numberOrText(values.rotation || '0') };
  for (const f of PLACE_NUMBER_FIELDS) plain[f] = numberOrText(values[f]);
  if (values.exhibitorId) plain.exhibitorId = values.exhibitorId;
  if (assignments.length) plain.assignments = assignments.map((a) => ({ volunteerId: a.volunteerId, startsAt: instantOf(a.startsAt, zone), endsAt: instantOf(a.endsAt, zone) }));
  return { values, plain };
}
