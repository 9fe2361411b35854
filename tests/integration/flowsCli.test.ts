import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../src/core/loadFlow.ts';
import { readFlowFiles } from '../../src/readFlowFiles.ts';

const run = (script: string, args: string[] = []) =>
  spawnSync('npx', ['tsx', script, ...args], { encoding: 'utf8', timeout: 60_000 });

/** A copy of the repository's flows or dictionaries with one file changed. */
function copyWith(dir: string, file: string, change: (text: string) => string): string {
  const to = join(mkdtempSync(join(tmpdir(), 'madoguchi-cli-')), dir);
  cpSync(dir, to, { recursive: true });
  writeFileSync(join(to, file), change(readFileSync(join(to, file), 'utf8')));
  return to;
}

describe('npm run flows:check', () => {
  it('passes on the repository flows and dictionaries', () => {
    const r = run('src/cli/flowsCheck.ts');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/All valid/);
  });

  it('exits 1 naming the file, the YAML path and the reason for a broken flow', () => {
    const flows = copyWith('flows', 'giftcard.yaml', (t) =>
      t.replace('next: diagnose_expired\n', 'next: diagnose_expird\n'),
    );
    const r = run('src/cli/flowsCheck.ts', ['--flows', flows]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /flows\/giftcard\.yaml: states\.check_expired\.options\[0\]\.next: unknown state "diagnose_expird"/,
    );
  });

  it('exits 1 for a typo in a dictionary', () => {
    const dictionaries = copyWith('dictionaries', 'answer.yaml', (t) => `tpyo: 1\n${t}`);
    const r = run('src/cli/flowsCheck.ts', ['--dictionaries', dictionaries]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dictionaries\/answer\.yaml: .*tpyo/);
  });
});

describe('npm run flows:diagram', () => {
  it('prints a Mermaid state diagram with every state', () => {
    const r = run('src/cli/flowsDiagram.ts');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const state of Object.keys(loadFlow(readFlowFiles('flows')).states))
      expect(r.stdout).toContain(`${state} -->`);
    expect(r.stdout).toContain('urgent_takeover --> handoff');
  });
});
