import { validateSignature } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { lineSignature } from '../../helpers/signing.ts';

describe('the test signer for LINE', () => {
  it.each([
    { body: '{"destination":"U1","events":[]}' },
    { body: '{"events":[{"type":"message","message":{"type":"text","text":"残高が反映されません"}}]}' },
    { body: '' },
  ])("signs $body so that the SDK's validateSignature accepts it", ({ body }) => {
    const signature = lineSignature('channel-secret', body);
    expect(validateSignature(body, 'channel-secret', signature)).toBe(true);
    expect(validateSignature(body, 'other-secret', signature)).toBe(false);
    expect(validateSignature(`${body} `, 'channel-secret', signature)).toBe(false);
  });
});
