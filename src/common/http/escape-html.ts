/** For the few places that write HTML by hand (mail bodies); pages use JSX, which escapes itself. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
