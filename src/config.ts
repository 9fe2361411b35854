/**
 * The only reader of the environment. Settings come from the real environment first, then from
 * `.env` in the working directory (never overriding a real variable), and are checked against one
 * schema so that start-up fails once, listing every bad setting with how to fix it.
 */
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  /** Socket Mode when set. */
  appToken: string | null;
  apiUrl: string | null;
}

export interface LineConfig {
  channelSecret: string;
  channelAccessToken: string;
  apiBaseUrl: string | null;
}

/** Opening hours of the human agents, in Asia/Tokyo; `close` before `open` spans midnight. */
export interface BusinessHours {
  open: string;
  close: string;
  openMinute: number;
  closeMinute: number;
  timeZone: 'Asia/Tokyo';
}

export interface HandoffConfig {
  slackChannel: string | null;
  agentToken: string | null;
  queueTimeoutSeconds: number;
  /** null: agents are always reachable. */
  businessHours: BusinessHours | null;
}

export interface Config {
  port: number;
  /** 127.0.0.1 unless set: the server is not reachable from other machines by accident. */
  host: string;
  /** Absolute. */
  dataDir: string;
  /** null: main keeps a generated one in DATA_DIR/session-secret (see loadOrCreateSessionSecret). */
  sessionSecret: string | null;
  slack: SlackConfig | null;
  line: LineConfig | null;
  handoff: HandoffConfig;
}

export interface ConfigIssue {
  setting: string;
  message: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid settings (in the environment or .env; see .env.example):\n${issues
        .map((i) => `  - ${i.setting}: ${i.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

// `KEY=` in a .env file means "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const url = (name: string) =>
  optional(
    z.url({
      protocol: /^https?$/,
      error: `must be an http(s) URL such as https://api.example.com/; fix ${name} or remove it`,
    }),
  );

const secret = (name: string, min: number, hint: string) =>
  optional(z.string().min(min, { error: `is too short for ${name} (at least ${min} characters); ${hint}` }));

const prefixed = (prefix: string, what: string) =>
  optional(
    z
      .string()
      .startsWith(prefix, { error: `must start with "${prefix}"; copy the ${what} from the Slack app page` }),
  );

/** A whole number in [min, max]; every way of missing it gets the same message. */
const wholeNumber = (min: number, max: number, message: string) => {
  const error = { error: message };
  return optional(z.coerce.number(error).int(error).min(min, error).max(max, error));
};

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

const schema = z.object({
  PORT: wholeNumber(0, 65535, 'must be a whole number from 0 to 65535, such as 3000'),
  HOST: optional(z.string().regex(/^[\w.:-]+$/, { error: 'must be a host name or IP, such as 127.0.0.1' })),
  DATA_DIR: optional(z.string()),
  SESSION_SECRET: secret(
    'SESSION_SECRET',
    32,
    'generate one with `openssl rand -base64 48`, or leave it unset',
  ),
  SLACK_SIGNING_SECRET: optional(z.string()),
  SLACK_BOT_TOKEN: prefixed('xoxb-', 'Bot User OAuth Token'),
  SLACK_APP_TOKEN: prefixed('xapp-', 'App-Level Token (connections:write)'),
  SLACK_API_URL: url('SLACK_API_URL'),
  LINE_CHANNEL_SECRET: optional(z.string()),
  LINE_CHANNEL_ACCESS_TOKEN: optional(z.string()),
  LINE_API_BASE_URL: url('LINE_API_BASE_URL'),
  HANDOFF_SLACK_CHANNEL: optional(
    z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, { error: 'must be a Slack channel id such as C0123ABCD (not #name)' }),
  ),
  AGENT_TOKEN: secret('AGENT_TOKEN', 16, 'generate one with `openssl rand -base64 24`'),
  HANDOFF_QUEUE_TIMEOUT_SECONDS: wholeNumber(
    10,
    86400,
    'must be a whole number of seconds from 10 to 86400, such as 300',
  ),
  BUSINESS_HOURS: optional(
    z
      .string()
      .regex(HOURS, { error: 'must be HH:MM-HH:MM in Japan time, such as 09:00-18:00' })
      .refine((v) => v.slice(0, 5) !== v.slice(6), { error: 'opening and closing times must differ' }),
  ),
});

type Given = (key: string) => boolean;

/** Both settings of a pair, or neither: half a pair is always a mistake. */
function pairIssue(given: Given, a: string, b: string, what: string): ConfigIssue[] {
  if (given(a) === given(b)) return [];
  const [missing, present] = given(a) ? [b, a] : [a, b];
  return [
    {
      setting: missing,
      message: `is missing while ${present} is set; set both to enable ${what}, or neither`,
    },
  ];
}

/** Checked on the raw values, so that they are reported together with the schema's findings. */
function crossIssues(given: Given): ConfigIssue[] {
  const issues = [
    ...pairIssue(given, 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'Slack'),
    ...pairIssue(given, 'LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'LINE'),
  ];
  const slackHalfSet = given('SLACK_SIGNING_SECRET') || given('SLACK_BOT_TOKEN');
  for (const key of ['SLACK_APP_TOKEN', 'HANDOFF_SLACK_CHANNEL']) {
    if (given(key) && !slackHalfSet) {
      issues.push({
        setting: key,
        message: 'needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; set them too, or remove it',
      });
    }
  }
  return issues;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function businessHours(value: string | undefined): BusinessHours | null {
  if (!value) return null;
  const [open = '', close = ''] = value.split('-');
  return { open, close, openMinute: minutes(open), closeMinute: minutes(close), timeZone: 'Asia/Tokyo' };
}

function readEnvFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  const result = dotenv.config({ path, quiet: true, processEnv: values });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (result.error && code !== 'ENOENT') {
    throw new ConfigError([{ setting: path, message: `cannot be read (${result.error.message})` }]);
  }
  return values;
}

// Values of these are never echoed back in an error message.
const SECRETS = new Set([
  'SESSION_SECRET',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'LINE_CHANNEL_SECRET',
  'LINE_CHANNEL_ACCESS_TOKEN',
  'AGENT_TOKEN',
]);

function schemaIssue(
  setting: string,
  message: string,
  given: Record<string, string | undefined>,
): ConfigIssue {
  const value = given[setting];
  const shown = !SECRETS.has(setting) && value !== undefined && value.length <= 80 ? ` (got "${value}")` : '';
  return { setting, message: `${message}${shown}` };
}

export interface LoadConfigOptions {
  /** The .env file to read; false reads none. Default: `.env` in the working directory. */
  envFile?: string | false;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const file = options.envFile === false ? {} : readEnvFile(options.envFile ?? resolve('.env'));
  const merged = { ...file, ...env };
  const parsed = schema.safeParse(merged);
  const issues = [
    ...(parsed.error?.issues ?? []).map((i) => schemaIssue(String(i.path[0] ?? '?'), i.message, merged)),
    ...crossIssues((key) => (merged[key] ?? '').trim() !== ''),
  ];
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const raw = parsed.data;

  return {
    port: raw.PORT ?? 3000,
    host: raw.HOST ?? '127.0.0.1',
    dataDir: resolve(raw.DATA_DIR ?? './data'),
    sessionSecret: raw.SESSION_SECRET ?? null,
    slack:
      raw.SLACK_SIGNING_SECRET && raw.SLACK_BOT_TOKEN
        ? {
            signingSecret: raw.SLACK_SIGNING_SECRET,
            botToken: raw.SLACK_BOT_TOKEN,
            appToken: raw.SLACK_APP_TOKEN ?? null,
            apiUrl: raw.SLACK_API_URL ?? null,
          }
        : null,
    line:
      raw.LINE_CHANNEL_SECRET && raw.LINE_CHANNEL_ACCESS_TOKEN
        ? {
            channelSecret: raw.LINE_CHANNEL_SECRET,
            channelAccessToken: raw.LINE_CHANNEL_ACCESS_TOKEN,
            apiBaseUrl: raw.LINE_API_BASE_URL ?? null,
          }
        : null,
    handoff: {
      slackChannel: raw.HANDOFF_SLACK_CHANNEL ?? null,
      agentToken: raw.AGENT_TOKEN ?? null,
      queueTimeoutSeconds: raw.HANDOFF_QUEUE_TIMEOUT_SECONDS ?? 300,
      businessHours: businessHours(raw.BUSINESS_HOURS),
    },
  };
}
