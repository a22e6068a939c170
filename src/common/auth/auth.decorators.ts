import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';
import type { Principal, PrincipalRole, StaffRole } from './principal';

export const ROLES_KEY = 'fairgrid:roles';
export const PUBLIC_KEY = 'fairgrid:public';
export const PAGE_KEY = 'fairgrid:page';
export const STAFF_ROLES_KEY = 'fairgrid:staff-roles';

/** Staff roles an endpoint or page admits when it admits staff and says nothing else: never `desk`. */
export const DEFAULT_STAFF_ROLES: readonly StaffRole[] = ['admin', 'staff'];

/** No sign-in needed (sign-in itself, health, docs). Everything else requires a token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles that may call an endpoint; every non-public endpoint states them. */
export const Roles = (...roles: PrincipalRole[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBody, description: 'No or invalid access token' }),
    ApiForbiddenResponse({ type: ErrorBody, description: `Only for: ${roles.join(', ')}` }),
  );

/**
 * Which staff accounts may call an endpoint that admits staff (see @Roles). Without it,
 * `admin` and `staff` may: a `desk` account reaches only what says `@StaffRoles(..., 'desk')`
 * (check-in and attendance), so a new endpoint is closed to the door's student workers by default.
 */
export const StaffRoles = (...roles: StaffRole[]) =>
  applyDecorators(SetMetadata(STAFF_ROLES_KEY, roles), ApiForbiddenResponse({ type: ErrorBody, description: `Staff accounts only with role: ${roles.join(', ')}` }));

/**
 * A web page controller: its caller is the browser session in the cookie, not a bearer token.
 * @Public and @Roles mean the same as on the API.
 */
export const Page = () => SetMetadata(PAGE_KEY, true);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);
