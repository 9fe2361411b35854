/**
 * The agent token check. One shared token from the settings (AGENT_TOKEN); compared in constant
 * time over fixed-length digests, so neither the content nor the length leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export type AuthFailure = 'not_configured' | 'missing_token' | 'invalid_token';

export function checkBearer(header: string | undefined, expected: string | null): AuthFailure | null {
  if (expected === null || expected === '') return 'not_configured';
  const given = bearerToken(header);
  if (given === null) return 'missing_token';
  return tokenMatches(given, expected) ? null : 'invalid_token';
}

const MESSAGES: Record<AuthFailure, string> = {
  not_configured: 'The agent console is turned off: set AGENT_TOKEN in the settings and restart the server.',
  missing_token: 'Send the agent token as `Authorization: Bearer <AGENT_TOKEN>`.',
  invalid_token: 'The agent token is not valid.',
};

export function requireBearer(expected: string | null): RequestHandler {
  return (req, res, next) => {
    const failure = checkBearer(req.headers.authorization, expected);
    if (failure === null) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="agent-console"');
    res.setHeader('Cache-Control', 'no-store');
    res.status(401).json({ error: failure, message: MESSAGES[failure] });
  };
}
