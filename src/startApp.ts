/**
 * Builds and starts the whole service from a Config: the engine, the handoff service, every
 * enabled channel and agents' desk, on one HTTP server. src/main.ts runs it; end-to-end tests
 * start it in-process on port 0.
 */

import type { Channel } from './channels/channel.ts';
import { createLineChannel } from './channels/line.ts';
import { createSlackChannel } from './channels/slack.ts';
import { createWebChannel } from './channels/web.ts';
import { type Composed, composeEngine } from './composeEngine.ts';
import type { Config } from './config.ts';
import { createAgentConsole } from './handoff/agentConsole.ts';
import { createHandoffService, type HandoffService } from './handoff/handoffService.ts';
import { createSlackAgentDesk } from './handoff/slackAgentDesk.ts';
import { SqliteTicketStore } from './handoff/sqliteTicketStore.ts';
import { EventDeduper } from './server/eventDeduper.ts';
import { createHttpServer, type HttpServer } from './server/httpServer.ts';
import { loadOrCreateSessionSecret } from './server/sessionSecret.ts';
import type { SqliteStore } from './store/sqliteStore.ts';

export interface RunningApp {
  http: HttpServer;
  port: number;
  composed: Composed;
  handoff: HandoffService;
  /** Stops accepting, finishes turns in flight, closes the store. Idempotent. */
  close(): Promise<void>;
}

export interface StartOptions {
  now?: () => Date;
  /** How often the handoff clock checks waiting tickets (tests make it short). */
  handoffCheckMs?: number;
  /** Web API retries of the Slack clients; tests pass `{ retries: 0 }`. */
  slackRetries?: number;
}

export async function startApp(config: Config, opts: StartOptions = {}): Promise<RunningApp> {
  let handoff: HandoffService | null = null;
  const composed = await composeEngine({
    dataDir: config.dataDir,
    now: opts.now,
    onNotice: (notice) => handoff?.onNotice(notice),
  });
  const store = composed.store as SqliteStore;
  const engine = composed.engine;
  const secret = config.sessionSecret ?? (await loadOrCreateSessionSecret(config.dataDir));
  const retryConfig = opts.slackRetries === undefined ? undefined : { retries: opts.slackRetries };

  // The service delivers to users through this list, filled below.
  const userChannels: Channel[] = [];
  handoff = createHandoffService({
    engine,
    tickets: SqliteTicketStore.open(store),
    store,
    channels: userChannels,
    queueTimeoutSeconds: config.handoff.queueTimeoutSeconds,
    businessHours: config.handoff.businessHours,
    now: opts.now,
    checkIntervalMs: opts.handoffCheckMs,
  });
  const slackDesk =
    config.slack && config.handoff.slackChannel
      ? createSlackAgentDesk({
          service: handoff,
          botToken: config.slack.botToken,
          channelId: config.handoff.slackChannel,
          apiUrl: config.slack.apiUrl,
          retryConfig,
        })
      : null;
  const deduper = new EventDeduper();
  userChannels.push(createWebChannel({ engine, secret }));
  if (config.slack)
    userChannels.push(
      createSlackChannel({ engine, deduper, ...config.slack, retryConfig, agentDesk: slackDesk?.routes }),
    );
  if (config.line) userChannels.push(createLineChannel({ engine, deduper, ...config.line }));
  const agentConsole = createAgentConsole({ service: handoff, agentToken: config.handoff.agentToken });
  handoff.addDesk(agentConsole);
  if (slackDesk) handoff.addDesk(slackDesk);

  const service = handoff;
  const http = createHttpServer({
    channels: [...userChannels, agentConsole],
    readiness: () => ({ tokenizer: true, store: store.path !== null }),
    onShutdown: async () => {
      await service.stop();
      await slackDesk?.idle();
      await composed.close();
    },
  });
  const { port } = await http.listen(config.port, config.host);
  service.start();
  return { http, port, composed, handoff: service, close: () => http.close() };
}
