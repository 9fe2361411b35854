/**
 * The web agent console (issue 5): a page at `/agent` and its JSON API at `/agent/api`, mounted
 * like a channel, and an AgentDesk that turns the handoff service's news into live events for
 * every open console. It has no users of its own, so deliver() has nothing to do.
 */
import type { Express } from 'express';
import type { Channel } from '../channels/channel.ts';
import { createConsoleApi } from './console/consoleApi.ts';
import { getConsoleBundle } from './console/consoleBundle.ts';
import { CONSOLE_CSP, renderConsolePage } from './console/consolePage.ts';
import type { ConsoleService } from './console/consoleService.ts';
import { toWireTicket } from './console/consoleWire.ts';
import { createEventStream } from './console/eventStream.ts';
import type { AgentDesk } from './ticket.ts';

export interface AgentConsoleOptions {
  /** The HandoffService (any object with its agent-side methods). */
  service: ConsoleService;
  /** AGENT_TOKEN; null leaves the page up but every API call answers 401 saying to set it. */
  agentToken: string | null;
  /** Default '/agent'. */
  path?: string;
  /** Seconds between keep-alive comments on the event stream. Default 25. */
  heartbeatSeconds?: number;
  /** Unexpected errors (a 500); default console.error. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

export type AgentConsole = Channel & AgentDesk & { readonly listeners: number };

export function createAgentConsole(opts: AgentConsoleOptions): AgentConsole {
  const base = opts.path ?? '/agent';
  const now = opts.now ?? Date.now;
  const onError = opts.onError ?? ((error: unknown) => console.error(error));
  const events = createEventStream({ heartbeatMs: (opts.heartbeatSeconds ?? 25) * 1000 });
  const page = renderConsolePage(base);

  const mount = (app: Express) => {
    app.get(base, (_req, res) => {
      res.setHeader('Content-Security-Policy', CONSOLE_CSP);
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(page);
    });
    app.get(`${base}/console.js`, async (_req, res) => {
      const script = await getConsoleBundle();
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-cache');
      res.type('application/javascript').send(script);
    });
    app.use(
      `${base}/api`,
      createConsoleApi({ service: opts.service, agentToken: opts.agentToken, events, onError, now }),
    );
  };

  return {
    name: 'agent-console',
    get listeners() {
      return events.size;
    },
    mount,
    async deliver() {},
    async stop() {
      events.close();
    },
    async ticketOpened(ticket) {
      events.publish({ type: 'ticketOpened', ticket: toWireTicket(ticket) });
    },
    async ticketChanged(ticket) {
      events.publish({ type: 'ticketChanged', ticket: toWireTicket(ticket) });
    },
    async userMessage(ticket, text) {
      const { id, conversationId } = ticket;
      events.publish({ type: 'userMessage', ticketId: id, conversationId, text, at: now() });
    },
  };
}
