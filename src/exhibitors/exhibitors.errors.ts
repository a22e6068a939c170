import { conflict, unprocessable } from '../common/errors/domain-error';
import type { CsvRowError } from '../common/csv/csv-table';

export const ExhibitorErrors = {
  organizationTaken: () => conflict('EXHIBITOR_EXISTS', 'This event already has an exhibitor with this organization name'),
  onFloorPlan: () =>
    conflict('EXHIBITOR_ON_FLOOR_PLAN', 'The exhibitor has a booth on the floor plan; take it off the plan first'),
  importRejected: (errors: CsvRowError[]) =>
    unprocessable('IMPORT_REJECTED', `${errors.length} row(s) are not valid; nothing was imported`, {
      rows: errors.slice(0, 1000),
      rowCount: errors.length,
    }),
};

/** Constraint violations that mean a known refusal (the rest stay unexpected errors). */
export const EXHIBITOR_CONSTRAINTS = {
  exhibitors_event_organization_unique: ExhibitorErrors.organizationTaken,
  // floor owns this foreign key; it names our row as the one a booth still points at.
  floor_places_exhibitor_id_fkey: ExhibitorErrors.onFloorPlan,
};
