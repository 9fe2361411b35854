import { describe, expect, it } from 'vitest';
import { EventDeduper } from '../../../src/server/eventDeduper.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('EventDeduper', () => {
  it('says yes to a new id and no to the same id again', () => {
    const d = new EventDeduper();
    expect(d.firstTime('Ev1')).toBe(true);
    expect(d.firstTime('Ev1')).toBe(false);
    expect(d.firstTime('Ev2')).toBe(true);
  });

  it('defaults to remembering an id for one hour', () => {
    const c = clock();
    const d = new EventDeduper({ now: c.now });
    d.firstTime('Ev1');
    c.advance(60 * 60 * 1000 - 1);
    expect(d.firstTime('Ev1')).toBe(false);
    c.advance(1);
    expect(d.firstTime('Ev1')).toBe(true);
  });

  it.each([
    { ttlMs: 1000, after: 999, repeat: false },
    { ttlMs: 1000, after: 1000, repeat: true },
    { ttlMs: 5000, after: 4999, repeat: false },
  ])('with ttl $ttlMs ms, an id seen again after $after ms is new: $repeat', ({ ttlMs, after, repeat }) => {
    const c = clock();
    const d = new EventDeduper({ ttlMs, now: c.now });
    d.firstTime('x');
    c.advance(after);
    expect(d.firstTime('x')).toBe(repeat);
  });

  it('forgets expired ids, so memory does not grow with time', () => {
    const c = clock();
    const d = new EventDeduper({ ttlMs: 100, now: c.now });
    for (let i = 0; i < 50; i++) {
      d.firstTime(`id${i}`);
      c.advance(10);
    }
    expect(d.size).toBeLessThanOrEqual(11);
  });

  it('keeps at most max ids, forgetting the oldest first', () => {
    const d = new EventDeduper({ max: 3 });
    for (const id of ['a', 'b', 'c', 'd']) d.firstTime(id);
    expect(d.size).toBe(3);
    expect(d.firstTime('d')).toBe(false);
    expect(d.firstTime('c')).toBe(false);
    expect(d.firstTime('a')).toBe(true);
  });

  it('restarts the ttl of an id that expired and came back', () => {
    const c = clock();
    const d = new EventDeduper({ ttlMs: 100, now: c.now });
    d.firstTime('a');
    c.advance(100);
    d.firstTime('b');
    expect(d.firstTime('a')).toBe(true);
    c.advance(50);
    expect(d.firstTime('a')).toBe(false);
  });

  it.each([{ ttlMs: 0 }, { ttlMs: -1 }, { max: 0 }, { max: 1.5 }])('refuses the setting %o', (opts) => {
    expect(() => new EventDeduper(opts)).toThrow(RangeError);
  });
});
