import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackSignature, slackSignedHeaders } from '../../helpers/signing.ts';

// The worked example of https://docs.slack.dev/authentication/verifying-requests-from-slack
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe('the test signer for Slack', () => {
  it("reproduces Slack's documented example", () => {
    expect(slackSignature(DOC.secret, DOC.timestamp, DOC.body)).toBe(DOC.signature);
  });

  it.each([
    { body: '{"type":"event_callback"}' },
    { body: 'payload=%7B%22type%22%3A%22block_actions%22%7D' },
    { body: '{"text":"残高が0円です"}' },
  ])("signs $body so that Bolt's own verifier accepts it", ({ body }) => {
    const headers = slackSignedHeaders('secret-x', body);
    const verify = (secret: string) =>
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: {
          'x-slack-signature': headers['x-slack-signature'] ?? '',
          'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
        },
      });
    expect(() => verify('secret-x')).not.toThrow();
    expect(() => verify('secret-y')).toThrow();
  });
});
