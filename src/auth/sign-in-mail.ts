export interface SignInLink {
  role: 'student' | 'volunteer';
  url: string;
  code: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sign-in message: one link and code per account that uses this address. */
export function signInMail(name: string, links: SignInLink[], ttlMinutes: number) {
  const label = (l: SignInLink) => (links.length > 1 ? ` as a ${l.role}` : '');
  const text = [
    `Hello ${name},`,
    '',
    ...links.flatMap((l) => [`Sign in to Fairgrid${label(l)}:`, l.url, '', `Or enter this code: ${l.code}`, '']),
    `The link works once and expires in ${ttlMinutes} minutes. If you did not ask to sign in, ignore this message.`,
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(name)},</p>`,
    ...links.map(
      (l) =>
        `<p><a href="${escapeHtml(l.url)}">Sign in to Fairgrid${escapeHtml(label(l))}</a><br>Or enter this code: <code>${escapeHtml(l.code)}</code></p>`,
    ),
    `<p>The link works once and expires in ${ttlMinutes} minutes. If you did not ask to sign in, ignore this message.</p>`,
  ].join('\n');
  return { subject: 'Your Fairgrid sign-in link', text, html };
}
