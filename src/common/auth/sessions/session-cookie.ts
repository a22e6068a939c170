/** The page session's cookie. Its value is the session token itself (HttpOnly, SameSite=Lax). */
export const SESSION_COOKIE = 'fg_session';

/** An anonymous visitor's random nonce, which the CSRF token of sign-in forms is bound to. */
export const VISITOR_COOKIE = 'fg_visitor';
