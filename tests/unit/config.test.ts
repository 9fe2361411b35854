import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const noFile = { envFile: false } as const;

function failure(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env, noFile);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the settings');
}

describe('loadConfig', () => {
  it('starts with no settings at all: local web chat only', () => {
    expect(loadConfig({}, noFile)).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('data'),
      sessionSecret: null,
      slack: null,
      line: null,
      handoff: { slackChannel: null, agentToken: null, queueTimeoutSeconds: 300, businessHours: null },
    });
  });

  it('treats empty values, as copied from .env.example, as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: ' ', LINE_CHANNEL_SECRET: '' }, noFile).port).toBe(3000);
  });

  it('reads complete Slack, LINE and handoff settings', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/madoguchi',
        SESSION_SECRET: 's'.repeat(32),
        SLACK_SIGNING_SECRET: 'signing',
        SLACK_BOT_TOKEN: 'xoxb-1-2-3',
        SLACK_APP_TOKEN: 'xapp-1-2',
        SLACK_API_URL: 'http://127.0.0.1:9999/api/',
        LINE_CHANNEL_SECRET: 'line-secret',
        LINE_CHANNEL_ACCESS_TOKEN: 'line-token',
        LINE_API_BASE_URL: 'http://127.0.0.1:9998',
        HANDOFF_SLACK_CHANNEL: 'C0123ABCD',
        AGENT_TOKEN: 'a'.repeat(16),
        HANDOFF_QUEUE_TIMEOUT_SECONDS: '120',
        BUSINESS_HOURS: '22:00-06:30',
      },
      noFile,
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/madoguchi',
      slack: {
        signingSecret: 'signing',
        botToken: 'xoxb-1-2-3',
        appToken: 'xapp-1-2',
        apiUrl: 'http://127.0.0.1:9999/api/',
      },
      line: {
        channelSecret: 'line-secret',
        channelAccessToken: 'line-token',
        apiBaseUrl: 'http://127.0.0.1:9998',
      },
      handoff: {
        slackChannel: 'C0123ABCD',
        queueTimeoutSeconds: 120,
        businessHours: {
          open: '22:00',
          close: '06:30',
          openMinute: 1320,
          closeMinute: 390,
          timeZone: 'Asia/Tokyo',
        },
      },
    });
  });

  it.each([
    { env: { SLACK_BOT_TOKEN: 'xoxb-1' }, setting: 'SLACK_SIGNING_SECRET' },
    { env: { SLACK_SIGNING_SECRET: 'x' }, setting: 'SLACK_BOT_TOKEN' },
    { env: { LINE_CHANNEL_SECRET: 'x' }, setting: 'LINE_CHANNEL_ACCESS_TOKEN' },
    { env: { LINE_CHANNEL_ACCESS_TOKEN: 'x' }, setting: 'LINE_CHANNEL_SECRET' },
    { env: { SLACK_APP_TOKEN: 'xapp-1' }, setting: 'SLACK_APP_TOKEN' },
    { env: { HANDOFF_SLACK_CHANNEL: 'C0123' }, setting: 'HANDOFF_SLACK_CHANNEL' },
    { env: { PORT: 'abc' }, setting: 'PORT' },
    { env: { PORT: '70000' }, setting: 'PORT' },
    { env: { PORT: '80.5' }, setting: 'PORT' },
    { env: { HOST: 'my host' }, setting: 'HOST' },
    { env: { SLACK_API_URL: 'not a url' }, setting: 'SLACK_API_URL' },
    { env: { LINE_API_BASE_URL: 'ftp://example.com' }, setting: 'LINE_API_BASE_URL' },
    { env: { SESSION_SECRET: 'short' }, setting: 'SESSION_SECRET' },
    { env: { AGENT_TOKEN: 'short' }, setting: 'AGENT_TOKEN' },
    { env: { HANDOFF_QUEUE_TIMEOUT_SECONDS: 'soon' }, setting: 'HANDOFF_QUEUE_TIMEOUT_SECONDS' },
    { env: { BUSINESS_HOURS: '9-18' }, setting: 'BUSINESS_HOURS' },
    { env: { BUSINESS_HOURS: '09:00-09:00' }, setting: 'BUSINESS_HOURS' },
  ])('refuses $env, naming $setting', ({ env, setting }) => {
    const error = failure(env);
    expect(error.issues.map((i) => i.setting)).toEqual([setting]);
    expect(error.message).toContain(`${setting}:`);
  });

  it('lists every bad setting in one error, each with a hint', () => {
    const error = failure({
      PORT: 'abc',
      SLACK_BOT_TOKEN: 'xoxb-1',
      LINE_API_BASE_URL: 'nope',
      BUSINESS_HOURS: 'always',
    });
    expect(error.issues.map((i) => i.setting).sort()).toEqual([
      'BUSINESS_HOURS',
      'LINE_API_BASE_URL',
      'PORT',
      'SLACK_SIGNING_SECRET',
    ]);
    expect(error.message.split('\n')).toHaveLength(5);
    expect(error.message).toMatch(/PORT: must be a whole number.*such as 3000/);
  });

  it('never repeats a secret value in the error message', () => {
    const error = failure({
      SESSION_SECRET: 'leaky',
      SLACK_BOT_TOKEN: 'wrong-prefix-token',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(error.message).not.toContain('leaky');
    expect(error.message).not.toContain('wrong-prefix-token');
  });

  describe('with a .env file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, '# local settings\nPORT=4000\nHOST=0.0.0.0\n');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads settings from it', () => {
      expect(loadConfig({}, { envFile: file })).toMatchObject({ port: 4000, host: '0.0.0.0' });
    });

    it('never lets it override the real environment', () => {
      expect(loadConfig({ PORT: '5000' }, { envFile: file })).toMatchObject({ port: 5000, host: '0.0.0.0' });
    });

    it('starts without one', () => {
      expect(loadConfig({}, { envFile: join(dir, 'missing.env') }).port).toBe(3000);
    });
  });
});
