import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSessionSecret, SessionSecretError } from '../../src/server/sessionSecret.ts';

const scratch = mkdtempSync(join(tmpdir(), 'madoguchi-secret-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(scratch, `data-${n++}`, 'nested');

describe('loadOrCreateSessionSecret', () => {
  it('creates a long secret, readable only by its owner, in a data directory it creates', async () => {
    const dir = freshDir();
    const secret = await loadOrCreateSessionSecret(dir);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
  });

  it('returns the same secret after a restart', async () => {
    const dir = freshDir();
    const first = await loadOrCreateSessionSecret(dir);
    expect(await loadOrCreateSessionSecret(dir)).toBe(first);
  });

  it('gives every concurrent caller the same secret', async () => {
    const dir = freshDir();
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSessionSecret(dir)));
    expect(new Set(secrets).size).toBe(1);
  });

  it('refuses a kept secret that is too short, saying how to fix it', async () => {
    const dir = join(scratch, 'short');
    await loadOrCreateSessionSecret(dir);
    writeFileSync(join(dir, 'session-secret'), 'tiny\n');
    const failure = loadOrCreateSessionSecret(dir);
    await expect(failure).rejects.toBeInstanceOf(SessionSecretError);
    await expect(failure).rejects.toThrow(/delete it .* or set SESSION_SECRET/);
  });
});
