import { FlowLoadError } from './errors.ts';
import type { FlowDefinition, FlowError, FlowFile } from './flowDefinition.ts';
import { parseFlows } from './parseFlows.ts';
import { validateFlow } from './validateFlow.ts';

/** Every error of the flow files, shape and meaning; empty when they are sound. */
export function checkFlowFiles(files: FlowFile[]): { flow: FlowDefinition | null; errors: FlowError[] } {
  const { flow, errors } = parseFlows(files);
  if (!flow) return { flow, errors };
  const semantic = validateFlow(flow);
  return semantic.length > 0 ? { flow: null, errors: semantic } : { flow, errors: [] };
}

/** The flow, or a FlowLoadError listing every problem with file and YAML path. */
export function loadFlow(files: FlowFile[]): FlowDefinition {
  const { flow, errors } = checkFlowFiles(files);
  if (!flow) throw new FlowLoadError(errors);
  return flow;
}
