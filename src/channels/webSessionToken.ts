/**
 * Web chat session tokens: the server, not the browser, decides which conversation a socket
 * speaks for. A token is `v1.<base64url(conversationId)>.<issuedAt ms>.<base64url(HMAC-SHA256)>`,
 * the MAC taken over `v1.<conversationId>.<issuedAt>` with the server's secret. Pure functions.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
/** A token stays valid this long after it was issued (the widget then opens a new session). */
export const SESSION_TOKEN_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Clocks of several servers may disagree a little; a token from further in the future is forged. */
const CLOCK_SKEW_MS = 60 * 1000;
const MAX_TOKEN_LENGTH = 512;

export type TokenFailure = 'malformed' | 'bad_signature' | 'expired';

export type TokenCheck =
  | { ok: true; conversationId: string; issuedAt: number }
  | { ok: false; reason: TokenFailure };

function mac(conversationId: string, issuedAt: number, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${conversationId}.${issuedAt}`, 'utf8').digest();
}

export function signSessionToken(conversationId: string, secret: string, issuedAt: number): string {
  const id = Buffer.from(conversationId, 'utf8').toString('base64url');
  return `${VERSION}.${id}.${issuedAt}.${mac(conversationId, issuedAt, secret).toString('base64url')}`;
}

export function verifySessionToken(
  token: unknown,
  secret: string,
  now: number,
  maxAgeMs: number = SESSION_TOKEN_MAX_AGE_MS,
): TokenCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  const [version, id, issued, signature] = parts;
  if (parts.length !== 4 || version !== VERSION || !id || !issued || !signature) {
    return { ok: false, reason: 'malformed' };
  }
  if (!/^\d{1,15}$/.test(issued) || !/^[\w-]+$/.test(id) || !/^[\w-]+$/.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const issuedAt = Number(issued);
  const conversationId = Buffer.from(id, 'base64url').toString('utf8');
  // One token per (id, time): no second spelling of the same id or number is accepted.
  if (String(issuedAt) !== issued || Buffer.from(conversationId, 'utf8').toString('base64url') !== id) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = mac(conversationId, issuedAt, secret);
  const given = Buffer.from(signature, 'base64url');
  if (
    given.toString('base64url') !== signature ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    return { ok: false, reason: 'bad_signature' };
  }
  // Only a correctly signed token can be "expired": that answer must not help a forger.
  if (issuedAt > now + CLOCK_SKEW_MS) return { ok: false, reason: 'bad_signature' };
  if (now - issuedAt > maxAgeMs) return { ok: false, reason: 'expired' };
  return { ok: true, conversationId, issuedAt };
}
