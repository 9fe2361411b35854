import { describe, expect, it } from 'vitest';
import {
  SESSION_TOKEN_MAX_AGE_MS,
  signSessionToken,
  verifySessionToken,
} from '../../../src/channels/webSessionToken.ts';

// Computed independently with `openssl dgst -sha256 -hmac SECRET -binary` over "v1.<id>.<issuedAt>".
const vectors = [
  {
    conversationId: 'web:abc',
    issuedAt: 1700000000000,
    secret: 'test-secret-0123456789-0123456789',
    token: 'v1.d2ViOmFiYw.1700000000000.2oJCVEyfkDLznbB2Irg9yn4lzOSElmguyOeQMX143_o',
  },
  {
    conversationId: 'web:Zx9_-q',
    issuedAt: 1767225600000,
    secret: 'another-secret-with-enough-length!!',
    token: 'v1.d2ViOlp4OV8tcQ.1767225600000.z9KyZLnTUtV4l5L-kZnDqIvNcXGKoinrf9_Wnn1_jJk',
  },
];

const secret = 'test-secret-0123456789-0123456789';
const issuedAt = 1700000000000;
const good = signSessionToken('web:abc', secret, issuedAt);

function swapLastChar(s: string): string {
  return s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
}

describe('signSessionToken', () => {
  it.each(vectors)('signs $conversationId to the known vector', (v) => {
    expect(signSessionToken(v.conversationId, v.secret, v.issuedAt)).toBe(v.token);
  });
});

describe('verifySessionToken', () => {
  it.each(vectors)('accepts the known vector for $conversationId', (v) => {
    expect(verifySessionToken(v.token, v.secret, v.issuedAt + 1000)).toEqual({
      ok: true,
      conversationId: v.conversationId,
      issuedAt: v.issuedAt,
    });
  });

  const [head, id, time, sig] = good.split('.') as [string, string, string, string];
  const otherId = Buffer.from('web:victim').toString('base64url');

  it.each([
    {
      name: 'a token signed with another secret',
      token: signSessionToken('web:abc', 'x'.repeat(40), issuedAt),
      reason: 'bad_signature',
    },
    {
      name: 'another conversation id under the same signature',
      token: `${head}.${otherId}.${time}.${sig}`,
      reason: 'bad_signature',
    },
    { name: 'a moved issue time', token: `${head}.${id}.${issuedAt + 1}.${sig}`, reason: 'bad_signature' },
    {
      name: 'a changed signature',
      token: `${head}.${id}.${time}.${swapLastChar(sig)}`,
      reason: 'bad_signature',
    },
    {
      name: 'a signature cut short',
      token: `${head}.${id}.${time}.${sig.slice(0, 20)}`,
      reason: 'bad_signature',
    },
    {
      name: 'a token from the future',
      token: signSessionToken('web:abc', secret, issuedAt + 3_600_000),
      reason: 'bad_signature',
    },
    { name: 'another version', token: `v2.${id}.${time}.${sig}`, reason: 'malformed' },
    { name: 'a zero-padded time', token: `${head}.${id}.0${time}.${sig}`, reason: 'malformed' },
    { name: 'a missing part', token: `${head}.${id}.${time}`, reason: 'malformed' },
    { name: 'an empty string', token: '', reason: 'malformed' },
    { name: 'a number', token: 42, reason: 'malformed' },
    { name: 'undefined', token: undefined, reason: 'malformed' },
    { name: 'a very long string', token: `${good}${'A'.repeat(1000)}`, reason: 'malformed' },
  ])('refuses $name', ({ token, reason }) => {
    expect(verifySessionToken(token, secret, issuedAt + 1000)).toEqual({ ok: false, reason });
  });

  it('accepts a token until its maximum age and refuses it as expired after', () => {
    expect(verifySessionToken(good, secret, issuedAt + SESSION_TOKEN_MAX_AGE_MS).ok).toBe(true);
    expect(verifySessionToken(good, secret, issuedAt + SESSION_TOKEN_MAX_AGE_MS + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('honours a shorter maximum age when given', () => {
    expect(verifySessionToken(good, secret, issuedAt + 5000, 4000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reports a forged old token as a bad signature, not as expired', () => {
    const forged = signSessionToken('web:abc', 'y'.repeat(40), issuedAt);
    expect(verifySessionToken(forged, secret, issuedAt + SESSION_TOKEN_MAX_AGE_MS * 2)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });
});
