export class OrganizationResponse {
  id: string;
  name: string;
}

export class OrganizationPage {
  /** By name. */
  items: OrganizationResponse[];
  nextCursor: string | null;
}
