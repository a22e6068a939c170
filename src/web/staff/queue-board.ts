import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { PrincipalDirectory } from '../../common/auth/principal-directory';
import { SESSION_COOKIE } from '../../common/auth/sessions/session-cookie';
import { SessionService } from '../../common/auth/sessions/session.service';
import { readCookie } from '../../common/http/cookies';
import { JobQueueService } from '../../queue/job-queue.service';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * Bull Board's UI: its own scripts from our origin, one inline <style> block (hence
 * 'unsafe-inline' for styles only), no third-party fonts or frames.
 */
const BOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

/**
 * Issue 13: the queue dashboard (Bull Board) at /api/admin/queues, for signed-in staff with the
 * `admin` or `staff` role (a desk account is refused). It is a browser UI, so it knows the
 * caller by the pages' session cookie, checked on every request like the auth guard does
 * (the account must exist and have the role now). Mounted with the HTTP set-up, before Nest's
 * routes, because it is an Express router, not a Nest controller.
 */
export function queueBoard(app: INestApplication): Router {
  const sessions = app.get(SessionService);
  const directory = app.get(PrincipalDirectory);
  const adapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: app.get(JobQueueService).all().map((queue) => new BullMQAdapter(queue)), serverAdapter: adapter });
  const board = adapter.getRouter() as Router;

  const signedInStaff = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const token = readCookie(req, SESSION_COOKIE);
      const session = token ? await sessions.resolve(token) : undefined;
      const principal = session ? await directory.resolve(session.principal) : undefined;
      res.setHeader('Cache-Control', 'no-store');
      if (!principal) {
        res.status(303).setHeader('Location', `/?next=${encodeURIComponent(req.originalUrl)}`).end();
        return;
      }
      if (principal.role !== 'staff' || principal.staffRole === 'desk') {
        res.status(403).json({ statusCode: 403, code: 'FORBIDDEN', message: 'The queue dashboard is for admin and staff accounts' });
        return;
      }
      res.setHeader('Content-Security-Policy', BOARD_CSP);
      next();
    } catch (error) {
      next(error);
    }
  };
  return Router().use(signedInStaff, board);
}
