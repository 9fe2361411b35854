/**
 * An agent on the web console's JSON API (`/agent/api`, `Authorization: Bearer AGENT_TOKEN`), as
 * the console page calls it. Answers are returned with their status, unparsed beyond JSON.
 */
import type {
  ActionResponse,
  DetailResponse,
  ListResponse,
  WireTicket,
} from '../../src/handoff/console/consoleWire.ts';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface E2eConsoleAgent {
  name: string;
  list(status?: string): Promise<ApiAnswer<ListResponse>>;
  detail(ticketId: string): Promise<ApiAnswer<DetailResponse>>;
  take(ticketId: string): Promise<ApiAnswer<ActionResponse>>;
  reply(ticketId: string, text: string): Promise<ApiAnswer<ActionResponse>>;
  close(ticketId: string): Promise<ApiAnswer<ActionResponse>>;
  returnToBot(ticketId: string, to?: string): Promise<ApiAnswer<ActionResponse>>;
  /** The queued or active ticket of a conversation, if the queue shows one. */
  ticketOf(conversationId: string): Promise<WireTicket | undefined>;
}

/** `base` is read at each call, so the same agent keeps working after a restart of the app. */
export function consoleAgent(base: () => string, token: string | null, name: string): E2eConsoleAgent {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base()}/agent/api${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
  const act = (id: string, verb: string, extra: Record<string, unknown> = {}) =>
    call<ActionResponse>('POST', `/tickets/${encodeURIComponent(id)}/${verb}`, { agent: name, ...extra });

  const agent: E2eConsoleAgent = {
    name,
    list: (status) => call<ListResponse>('GET', `/tickets${status ? `?status=${status}` : ''}`),
    detail: (id) => call<DetailResponse>('GET', `/tickets/${encodeURIComponent(id)}`),
    take: (id) => act(id, 'take'),
    reply: (id, text) => act(id, 'reply', { text }),
    close: (id) => act(id, 'close'),
    returnToBot: (id, to) => act(id, 'return', to === undefined ? {} : { to }),
    async ticketOf(conversationId) {
      const { body } = await agent.list();
      return body.tickets.find((t) => t.conversationId === conversationId);
    },
  };
  return agent;
}
