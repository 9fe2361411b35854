/**
 * The session token, kept in localStorage per server so that a page reload continues the same
 * conversation. The browser never chooses its conversation id: the server issues it.
 */
import type { SessionResponse } from './protocol.ts';

export class WidgetSession {
  private readonly key: string;

  constructor(
    private readonly serverOrigin: string,
    private readonly webPath: string,
  ) {
    this.key = `madoguchi:${serverOrigin}:token`;
  }

  get token(): string | null {
    try {
      return localStorage.getItem(this.key);
    } catch {
      // Storage can be blocked (privacy settings, sandboxed frames): the chat still works, unsaved.
      return this.memory;
    }
  }

  private memory: string | null = null;

  private store(token: string | null): void {
    this.memory = token;
    try {
      if (token === null) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, token);
    } catch {
      /* kept in memory only */
    }
  }

  forget(): void {
    this.store(null);
  }

  /** The stored token, or a new session from the server. */
  async ensure(): Promise<string> {
    const kept = this.token;
    if (kept) return kept;
    const response = await fetch(`${this.serverOrigin}${this.webPath}/session`, { method: 'POST' });
    if (!response.ok) throw new Error(`session request failed: HTTP ${response.status}`);
    const body = (await response.json()) as SessionResponse;
    this.store(body.token);
    return body.token;
  }
}
