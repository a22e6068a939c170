export const PRINCIPAL_ROLES = ['staff', 'volunteer', 'student'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/** Who is calling, taken from a verified access token. */
export interface Principal {
  id: string;
  role: PrincipalRole;
}

export const isStaff = (p: Principal) => p.role === 'staff';
