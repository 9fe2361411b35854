import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../src/config.ts';
import { isWithinBusinessHours } from '../../../src/handoff/businessHours.ts';
import { channelOf, randomTicketId } from '../../../src/handoff/ticketId.ts';

function hours(open: string, close: string): BusinessHours {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return { open, close, openMinute: minutes(open), closeMinute: minutes(close), timeZone: 'Asia/Tokyo' };
}

describe('isWithinBusinessHours (Japan time)', () => {
  it.each([
    // 09:00-18:00 JST is 00:00-09:00 UTC.
    { hours: hours('09:00', '18:00'), at: '2026-12-01T00:00:00Z', open: true, why: 'at opening' },
    { hours: hours('09:00', '18:00'), at: '2026-11-30T23:59:00Z', open: false, why: 'a minute before' },
    {
      hours: hours('09:00', '18:00'),
      at: '2026-12-01T08:59:00Z',
      open: true,
      why: 'a minute before closing',
    },
    { hours: hours('09:00', '18:00'), at: '2026-12-01T09:00:00Z', open: false, why: 'at closing' },
    { hours: hours('09:00', '18:00'), at: '2026-12-01T15:00:00Z', open: false, why: 'at midnight' },
    // 22:00-06:00 JST spans midnight: 13:00-21:00 UTC.
    { hours: hours('22:00', '06:00'), at: '2026-12-01T14:30:00Z', open: true, why: 'after midnight' },
    { hours: hours('22:00', '06:00'), at: '2026-12-01T13:00:00Z', open: true, why: 'at its opening' },
    { hours: hours('22:00', '06:00'), at: '2026-12-01T21:00:00Z', open: false, why: 'at its closing' },
    { hours: hours('22:00', '06:00'), at: '2026-12-01T03:00:00Z', open: false, why: 'at noon' },
    { hours: null, at: '2026-12-01T18:00:00Z', open: true, why: 'with no hours set' },
  ])('is $open $why', ({ hours: h, at, open }) => {
    expect(isWithinBusinessHours(h, new Date(at))).toBe(open);
  });
});

describe('ticket ids and channels', () => {
  it('draws short ids without look-alike characters, different each time', () => {
    const ids = Array.from({ length: 200 }, randomTicketId);
    for (const id of ids) expect(id).toMatch(/^T[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['web:3f9a', 'web'],
    ['slack:T012:U034', 'slack'],
    ['line:Uabc', 'line'],
    ['terminal:me', 'terminal'],
    ['c1', 'terminal'],
    [':odd', 'terminal'],
  ])('reads the channel of %s as %s', (id, channel) => {
    expect(channelOf(id)).toBe(channel);
  });
});
