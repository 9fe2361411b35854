import { createHmac } from 'node:crypto';

/**
 * Signs request bodies the way the platforms do, so tests can post to the real SDK verifiers.
 * Slack: https://docs.slack.dev/authentication/verifying-requests-from-slack (v0, hex HMAC-SHA256
 * of `v0:{timestamp}:{body}`). LINE: base64 HMAC-SHA256 of the body with the channel secret.
 */
export function slackSignature(signingSecret: string, timestampSec: number | string, body: string): string {
  const mac = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return `v0=${mac}`;
}

/** The two headers Slack adds; `timestampSec` defaults to now. */
export function slackSignedHeaders(
  signingSecret: string,
  body: string,
  timestampSec: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': slackSignature(signingSecret, timestampSec, body),
  };
}

export function lineSignature(channelSecret: string, body: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}
