/**
 * `npm run flows:check [-- --flows DIR --dictionaries DIR]`: validates the flows and the
 * dictionaries; prints every error as `file: path: reason` and exits 1 if there is any.
 */
import { parseArgs } from 'node:util';
import { formatFlowError } from '../core/flowDefinition.ts';
import { checkFlowFiles } from '../core/loadFlow.ts';
import { readDictionaryFiles } from '../nlu/readDictionaryFiles.ts';
import { validateDictionaries } from '../nlu/validateDictionaries.ts';
import { readFlowFiles } from '../readFlowFiles.ts';

const { values } = parseArgs({ options: { flows: { type: 'string' }, dictionaries: { type: 'string' } } });
const flowFiles = readFlowFiles(values.flows ?? 'flows');
const dictionaryFiles = readDictionaryFiles(values.dictionaries ?? 'dictionaries');
const { flow, errors } = checkFlowFiles(flowFiles);
const all = [...errors, ...validateDictionaries(dictionaryFiles)];

if (all.length > 0) {
  for (const e of all) console.error(formatFlowError(e));
  console.error(`\n${all.length} error(s).`);
  process.exitCode = 1;
} else {
  const states = flow ? Object.keys(flow.states).length : 0;
  console.log(
    `flows: ${flowFiles.length} files, ${states} states; dictionaries: ${dictionaryFiles.length} files. All valid.`,
  );
}
