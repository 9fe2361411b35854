import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const evalNlu = (...args: string[]) =>
  execFileSync('npx', ['tsx', 'src/cli/evalNlu.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
const percent = (out: string, label: string) => Number(new RegExp(`${label}\\s+([\\d.]+)%`).exec(out)?.[1]);

describe('npm run eval:nlu', () => {
  it('scores one training author with models that never learned from it, and the lexicon alone', () => {
    const left = evalNlu('--leave-out', 'trainK');
    expect(left).toMatch(/on the train set \(files matching "trainK"\), models trained without them/);
    expect(left).toMatch(/Complaints: 250\n/);
    const alone = evalNlu('--split', 'train', '--file', 'trainK', '--lexicon-only');
    expect(alone).toMatch(/files matching "trainK"\), lexicon only/);
    for (const out of [left, alone]) {
      const branch = percent(out, 'branch accuracy');
      expect(branch).toBeGreaterThan(50);
      expect(branch).toBeLessThanOrEqual(100);
    }
  }, 120_000);

  it('scores one held-out set by its file', () => {
    const out = evalNlu('--file', 'heldout4', '--errors');
    expect(out).toMatch(/on the heldout set \(files matching "heldout4"\)/);
    expect(out).toMatch(/Complaints: 150\n/);
    expect(out).toMatch(/Answers: 60\n/);
    expect(out).toMatch(/Branch confusion matrix/);
  }, 60_000);
});
