import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url (43 characters): unguessable, safe in a URL path. */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What is stored and looked up: a leaked table does not give working URLs. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(`fairgrid calendar feed tokens\0${secret}`, 'utf8').digest();
}

/** AES-256-GCM with a key derived from the app secret: iv.tag.ciphertext, base64url. */
export function sealFeedToken(token: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

/** The token, or undefined when it was sealed under another secret (then a new one is issued). */
export function unsealFeedToken(sealed: string, secret: string): string | undefined {
  try {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
