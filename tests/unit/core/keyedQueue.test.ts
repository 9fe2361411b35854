import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../src/core/keyedQueue.ts';

/** A promise the test settles by hand, so ordering never depends on timing. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets every already-scheduled microtask and promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another in arrival order, whatever their speed', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const gates = [gate(), gate(), gate()];
    const results = gates.map((g, i) =>
      queue.run('c1', async () => {
        log.push(`start ${i}`);
        await g.promise;
        log.push(`end ${i}`);
        return i;
      }),
    );
    await settle();
    expect(log).toEqual(['start 0']);
    // Finishing the later gates first must not let their tasks start early.
    gates[2]?.open();
    gates[1]?.open();
    await settle();
    expect(log).toEqual(['start 0']);
    gates[0]?.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2]);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('keeps arrival order when keys interleave', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const tasks: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      const key = `c${i % 3}`;
      tasks.push(
        queue.run(key, async () => {
          // Uneven lengths: run side by side, a later task would often finish first.
          for (let n = 0; n < ((20 - i) % 5) + 1; n++) await settle();
          log.push(`${key}:${i}`);
        }),
      );
    }
    await Promise.all(tasks);
    for (const key of ['c0', 'c1', 'c2']) {
      const seen = log.filter((entry) => entry.startsWith(`${key}:`)).map((e) => Number(e.split(':')[1]));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
    expect(log).toHaveLength(20);
  });

  it('does not let a stuck key delay another key', async () => {
    const queue = new KeyedQueue();
    const stuck = gate();
    let slowDone = false;
    const slow = queue.run('slow', async () => {
      await stuck.promise;
      slowDone = true;
    });
    const fast = await queue.run('fast', async () => 'answered');
    expect(fast).toBe('answered');
    expect(slowDone).toBe(false);
    stuck.open();
    await slow;
    expect(slowDone).toBe(true);
  });

  it('passes a rejection to its caller and still runs the next task of the key', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('c1', async () => {
      throw new Error('boom');
    });
    const throwingSync = queue.run('c1', () => {
      throw new Error('sync boom');
    });
    const next = queue.run('c1', async () => 'still runs');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwingSync).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('still runs');
  });

  it('counts keys with work and drops each key once its queue empties', async () => {
    const queue = new KeyedQueue();
    expect(queue.size).toBe(0);
    const a = gate();
    const b = gate();
    const first = queue.run('a', () => a.promise);
    const second = queue.run('a', async () => undefined);
    const third = queue.run('b', () => b.promise);
    expect(queue.size).toBe(2);
    b.fail(new Error('b failed'));
    await expect(third).rejects.toThrow('b failed');
    await settle();
    expect(queue.size).toBe(1);
    a.open();
    await Promise.all([first, second]);
    await settle();
    expect(queue.size).toBe(0);
  });

  it('idle() waits for queued tasks, including ones queued while waiting', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const g = gate();
    void queue.run('c1', async () => {
      await g.promise;
      log.push('first');
      void queue.run('c2', async () => {
        await settle();
        log.push('queued later');
      });
    });
    let idle = false;
    const waiting = queue.idle().then(() => {
      idle = true;
    });
    await settle();
    expect(idle).toBe(false);
    g.open();
    await waiting;
    expect(log).toEqual(['first', 'queued later']);
    expect(queue.size).toBe(0);
  });

  it('idle() resolves at once when nothing is queued', async () => {
    await expect(new KeyedQueue().idle()).resolves.toBeUndefined();
  });
});
