/** `npm run flows:diagram`: prints the conversation machine as a Mermaid state diagram. */
import { FlowLoadError } from '../core/errors.ts';
import { loadFlow } from '../core/loadFlow.ts';
import { toMermaid } from '../core/toMermaid.ts';
import { readFlowFiles } from '../readFlowFiles.ts';

try {
  process.stdout.write(toMermaid(loadFlow(readFlowFiles(process.argv[2] ?? 'flows'))));
} catch (err) {
  console.error(err instanceof FlowLoadError ? err.message : err);
  process.exitCode = 1;
}
