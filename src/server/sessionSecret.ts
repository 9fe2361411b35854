/**
 * The key that signs web chat session tokens. Without SESSION_SECRET, one is generated at first
 * start and kept in DATA_DIR so that tokens (and so conversations) survive a restart.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SESSION_SECRET_FILE = 'session-secret';

export class SessionSecretError extends Error {
  readonly code = 'SESSION_SECRET_UNUSABLE';
  constructor(path: string, reason: string) {
    super(
      `${path} ${reason}; delete it to generate a new one (open web chats will start over) or set SESSION_SECRET`,
    );
    this.name = 'SessionSecretError';
  }
}

export async function loadOrCreateSessionSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, SESSION_SECRET_FILE);
  try {
    const kept = (await readFile(path, 'utf8')).trim();
    if (kept.length < 32) throw new SessionSecretError(path, 'holds fewer than 32 characters');
    return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${secret}\n`, { mode: 0o600 });
  try {
    // link() never replaces: when two processes start at once, the second one reads the first one's key.
    await link(draft, path);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSessionSecret(dataDir);
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}
