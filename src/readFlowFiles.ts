import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FlowFile } from './core/flowDefinition.ts';

/** Every *.yaml under `dir`, named `flows/…` wherever it is run from (the name is part of the flow version). */
export function readFlowFiles(dir = 'flows'): FlowFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => ({ name: join(basename(dir), f), text: readFileSync(join(dir, f), 'utf8') }));
}
