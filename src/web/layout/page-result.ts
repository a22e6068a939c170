import type { VNode } from 'preact';
import type { NoticeName } from './page-context';

/** A full page: rendered inside the layout. */
export interface PageView {
  kind: 'page';
  title: string;
  body: VNode;
  status?: number;
  /** Our own scripts this page adds to app.js (by asset name). */
  scripts?: string[];
  /** The sign-in link page must not leak its token in a Referer header. */
  noReferrer?: boolean;
}

/** 303 See Other: the browser follows with a GET, so a refresh never posts a form twice. */
export interface PageRedirect {
  kind: 'redirect';
  to: string;
}

/** A download (an interview's .ics). */
export interface PageFile {
  kind: 'file';
  contentType: string;
  filename: string;
  body: string;
}

export type PageResult = PageView | PageRedirect | PageFile;

export const page = (title: string, body: VNode, options: Omit<PageView, 'kind' | 'title' | 'body'> = {}): PageView => ({
  kind: 'page',
  title,
  body,
  ...options,
});

/** A redirect within our site, optionally with a notice for the next page and a fragment. */
export function redirect(path: string, notice?: NoticeName, fragment?: string): PageRedirect {
  const url = new URL(path, 'http://local');
  if (notice) url.searchParams.set('notice', notice);
  return { kind: 'redirect', to: `${url.pathname}${url.search}${fragment ? `#${fragment}` : ''}` };
}
