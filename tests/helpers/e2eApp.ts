/**
 * The whole service in-process, as `npm start` builds it (src/startApp.ts): settings through
 * loadConfig, SQLite in a fresh temporary DATA_DIR, Slack and LINE pointed at local fakes of their
 * Web APIs. `restart()` stops the app and starts a new one on the same DATA_DIR and fakes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config.ts';
import type { HandoffState, QuestionState } from '../../src/core/flowDefinition.ts';
import { type RunningApp, type StartOptions, startApp } from '../../src/startApp.ts';
import { type FakeLineApi, startFakeLineApi } from './fakeLineApi.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fakeSlackApi.ts';

export const E2E_SETTINGS = {
  slackSigningSecret: 'e2e-slack-signing-secret-0123456789',
  slackBotToken: 'xoxb-e2e-bot-token',
  agentsChannel: 'C0E2EAGENTS',
  lineChannelSecret: 'e2e-line-channel-secret-0123456789',
  lineAccessToken: 'e2e-line-access-token',
  agentToken: 'e2e-agent-token-0123456789abcdef',
} as const;

export interface E2eWorld {
  slack: FakeSlackApi;
  line: FakeLineApi;
  dataDir: string;
  config: Config;
  /** The app now running (a new one after restart()). */
  app: RunningApp;
  /** http://127.0.0.1:<port> of the running app. */
  base: string;
  /** The flow's handoff state: the words the user is told while a person holds the conversation. */
  handoffState: HandoffState;
  /** The flow's question states, to tell what a bot message asks without copying its words. */
  questions: QuestionState[];
  /** What the app wrote to console.error since it started (a desk that failed, a lost delivery). */
  errors: string[];
  restart(): Promise<RunningApp>;
  /** Stops the app and the fakes and removes DATA_DIR. Safe to call twice. */
  close(): Promise<void>;
}

/** `env` adds or overrides settings (HANDOFF_QUEUE_TIMEOUT_SECONDS, BUSINESS_HOURS...). */
export async function startE2e(
  opts: { env?: Record<string, string>; start?: StartOptions } = {},
): Promise<E2eWorld> {
  const slack = await startFakeSlackApi();
  const line = await startFakeLineApi();
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-e2e-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SLACK_SIGNING_SECRET: E2E_SETTINGS.slackSigningSecret,
      SLACK_BOT_TOKEN: E2E_SETTINGS.slackBotToken,
      SLACK_API_URL: slack.url,
      HANDOFF_SLACK_CHANNEL: E2E_SETTINGS.agentsChannel,
      LINE_CHANNEL_SECRET: E2E_SETTINGS.lineChannelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: E2E_SETTINGS.lineAccessToken,
      LINE_API_BASE_URL: line.url,
      AGENT_TOKEN: E2E_SETTINGS.agentToken,
      ...opts.env,
    },
    { envFile: false },
  );
  const start = { slackRetries: 0, ...opts.start };
  // The app has no logger option: its failures go to console.error, where a test must see them.
  const errors: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
    consoleError(...args);
  };
  let app: RunningApp | null = null;
  let closed = false;
  try {
    app = await startApp(config, start);
  } catch (error) {
    console.error = consoleError;
    await Promise.allSettled([slack.close(), line.close()]);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const handoffState = Object.values(app.composed.flow.states).find(
    (s): s is HandoffState => s.type === 'handoff',
  );
  if (!handoffState) throw new Error('the flow has no handoff state');

  const world: E2eWorld = {
    slack,
    line,
    dataDir,
    config,
    app,
    base: `http://127.0.0.1:${app.port}`,
    handoffState,
    errors,
    questions: Object.values(app.composed.flow.states).filter(
      (s): s is QuestionState => s.type === 'question',
    ),
    async restart() {
      await world.app.close();
      world.app = await startApp(config, start);
      world.base = `http://127.0.0.1:${world.app.port}`;
      return world.app;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await world.app.close();
      } finally {
        console.error = consoleError;
        await Promise.allSettled([slack.close(), line.close()]);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}
