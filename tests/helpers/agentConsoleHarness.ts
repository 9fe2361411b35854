/**
 * The agent console on the real handoff service and the real engine (real NLU, the repository's
 * flows, a memory store), served by the project's HTTP server. The users' channels are recorders:
 * what an agent's action makes the user hear is in `delivered`.
 */
import type { Channel } from '../../src/channels/channel.ts';
import type { HandoffEngine, Reply } from '../../src/core/ports.ts';
import { type AgentConsole, createAgentConsole } from '../../src/handoff/agentConsole.ts';
import { createSseParser } from '../../src/handoff/console/client/sseParser.ts';
import type { ConsoleEvent } from '../../src/handoff/console/consoleWire.ts';
import { createHandoffService, type HandoffService } from '../../src/handoff/handoffService.ts';
import type { Ticket } from '../../src/handoff/ticket.ts';
import { MemoryTicketStore } from '../../src/handoff/ticketStore.ts';
import { createHttpServer, type HttpServer } from '../../src/server/httpServer.ts';
import { createTestEngine } from './createTestEngine.ts';

export const AGENT_TOKEN = 'console-test-token-0123456789abcdef';

export interface Delivery {
  conversationId: string;
  replies: Reply[];
}

function recordingChannel(name: string, delivered: Delivery[]): Channel {
  return {
    name,
    mount() {},
    async deliver(conversationId, replies) {
      delivered.push({ conversationId, replies });
    },
    async stop() {},
  };
}

export interface Harness {
  engine: HandoffEngine;
  service: HandoffService;
  delivered: Delivery[];
  /** Serves a console for this service; `token` defaults to AGENT_TOKEN. */
  serve(token?: string | null): Promise<{ url: string; console: AgentConsole; server: HttpServer }>;
  /** Talks the real engine into a handoff and returns the queued ticket. */
  openTicket(conversationId: string, opts?: { urgent?: boolean }): Promise<Ticket>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const delivered: Delivery[] = [];
  let service: HandoffService | null = null;
  const real = await createTestEngine({
    onNotice: (notice) => service?.onNotice(notice) ?? Promise.resolve(),
  });
  const started = createHandoffService({
    engine: real.engine,
    tickets: new MemoryTicketStore(),
    store: real.composed.store,
    channels: [recordingChannel('web', delivered), recordingChannel('line', delivered)],
    queueTimeoutSeconds: 3600,
    businessHours: null,
    logger: { warn() {}, error: (...args: unknown[]) => console.error(...args) },
  });
  service = started;
  const servers: HttpServer[] = [];

  const handle = (conversationId: string, input: { text: string } | { choice: string }) =>
    real.engine.handle({ conversationId, ...input });

  return {
    engine: real.engine,
    service: started,
    delivered,
    async serve(token = AGENT_TOKEN) {
      const agentConsole = createAgentConsole({ service: started, agentToken: token });
      started.addDesk(agentConsole);
      const server = createHttpServer({ channels: [agentConsole], readiness: () => ({}) });
      servers.push(server);
      const { port } = await server.listen(0, '127.0.0.1');
      return { url: `http://127.0.0.1:${port}`, console: agentConsole, server };
    },
    async openTicket(conversationId, opts = {}) {
      if (opts.urgent) {
        await handle(conversationId, {
          text: '身に覚えのない注文があって、アカウントが乗っ取られたかもしれません',
        });
      } else {
        await handle(conversationId, { text: 'ギフト券を登録しようとしたらエラーになりました' });
        await handle(conversationId, { text: '担当者と話したい' });
      }
      const accepted = await handle(conversationId, { choice: 'yes' });
      if (accepted.outcome !== 'handoff') throw new Error(`${conversationId} did not reach the handoff`);
      await started.idle();
      const ticket = (await started.list(['queued'])).find((t) => t.conversationId === conversationId);
      if (!ticket) throw new Error(`no queued ticket for ${conversationId}`);
      return ticket;
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await started.stop();
      await real.close();
    },
  };
}

export type StreamEvent = ConsoleEvent | { type: 'ready' };

/** The console's event stream read as the page reads it: fetch with the token in a header. */
export async function openEvents(url: string, token: string) {
  const aborter = new AbortController();
  const response = await fetch(`${url}/agent/api/events`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: aborter.signal,
  });
  const seen: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
    waiters.clear();
  };
  let ended = false;
  const push = createSseParser((m) => {
    seen.push(m.event === 'ready' ? { type: 'ready' } : (JSON.parse(m.data) as ConsoleEvent));
    wake();
  });
  const reading = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (let part = await reader.read(); !part.done; part = await reader.read()) push(part.value);
    } catch {
      // aborted by close()
    }
    ended = true;
    wake();
  })();

  /** The first event of this type that satisfies `match`; rejects once the stream has ended without it. */
  async function next<T extends StreamEvent['type']>(
    type: T,
    match: (e: Extract<StreamEvent, { type: T }>) => boolean = () => true,
  ): Promise<Extract<StreamEvent, { type: T }>> {
    for (;;) {
      const found = seen.find(
        (e): e is Extract<StreamEvent, { type: T }> => e.type === type && match(e as never),
      );
      if (found) return found;
      if (ended) throw new Error(`the event stream ended without a ${type}`);
      await new Promise<void>((resolve) => waiters.add(resolve));
    }
  }

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    seen,
    next,
    ended: () => reading.then(() => ended),
    close: () => aborter.abort(),
  };
}
