/**
 * The page's side of the API: JSON requests with the bearer token, and the live event stream
 * read with fetch (reconnecting with a growing pause; each (re)connection starts with `ready`).
 */
import type { ConsoleEvent, ErrorResponse } from '../consoleWire.ts';
import { createSseParser } from './sseParser.ts';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export interface ApiAnswer<T> {
  status: number;
  body: T | ErrorResponse | null;
}

export class Unauthorized extends Error {}

export interface StreamHandlers {
  onEvent(event: ConsoleEvent | { type: 'ready' }): void;
  onState(state: StreamState): void;
  onUnauthorized(): void;
}

export class ConsoleClient {
  private aborter: AbortController | null = null;

  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  private headers(json: boolean): Record<string, string> {
    return {
      Authorization: `Bearer ${this.token}`,
      ...(json ? { 'Content-Type': 'application/json' } : {}),
    };
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.base}/api${path}`, {
      method,
      headers: this.headers(body !== undefined),
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
    });
    if (response.status === 401) throw new Unauthorized();
    const parsed = (await response.json().catch(() => null)) as T | ErrorResponse | null;
    return { status: response.status, body: parsed };
  }

  /** Runs until stop() or a refused token; `ready` comes first on every (re)connection. */
  stream(handlers: StreamHandlers): void {
    const { onEvent, onState } = handlers;
    this.stop();
    const aborter = new AbortController();
    this.aborter = aborter;
    let pause = 1000;

    const once = async () => {
      const response = await fetch(`${this.base}/api/events`, {
        headers: this.headers(false),
        cache: 'no-store',
        signal: aborter.signal,
      });
      if (response.status === 401) throw new Unauthorized();
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      const push = createSseParser((message) => {
        if (message.event === 'ready') {
          pause = 1000;
          onState('live');
          onEvent({ type: 'ready' });
          return;
        }
        try {
          onEvent(JSON.parse(message.data) as ConsoleEvent);
        } catch {
          // A malformed event is skipped; the next `ready` refetch repairs the view.
        }
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read()) push(part.value);
    };

    const loop = async () => {
      onState('connecting');
      while (!aborter.signal.aborted) {
        try {
          await once();
        } catch (error) {
          if (error instanceof Unauthorized) return handlers.onUnauthorized();
        }
        if (aborter.signal.aborted) return;
        onState('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, 15_000);
      }
    };
    void loop();
  }

  stop(): void {
    this.aborter?.abort();
    this.aborter = null;
  }
}
