export const PRINCIPAL_ROLES = ['staff', 'volunteer', 'student'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/**
 * What a staff account may do: `admin` everything (staff accounts too), `staff` everything else,
 * `desk` check-in and attendance only. Not in tokens: read from the account on every request,
 * so a changed role or a disabled account takes effect at once.
 */
export const STAFF_ROLES = ['admin', 'staff', 'desk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling, taken from a verified access token (and, for staff, their account's role). */
export interface Principal {
  id: string;
  role: PrincipalRole;
  /** Staff only, once the auth guard has looked the account up. */
  staffRole?: StaffRole;
}

export const isStaff = (p: Principal) => p.role === 'staff';
