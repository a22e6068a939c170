import { PAGE_VIEW } from './page.interceptor';

type RenderCallback = (error: Error | null, body?: Buffer | string) => void;

/**
 * Express's view for pages (`app.set('view', PageHtmlView)`): the page interceptor has already
 * rendered and compressed the body, so "rendering" hands it back. Express then sends it with
 * the status and headers the interceptor set.
 */
export class PageHtmlView {
  /** Express asks for a path to know the view exists; ours is not a file. */
  readonly path: string | undefined;

  constructor(readonly name: string) {
    this.path = name === PAGE_VIEW ? name : undefined;
  }

  render(options: { body?: Buffer | string }, callback: RenderCallback): void {
    callback(null, options.body ?? '');
  }
}
