/** The few unexpected failures, each with the context to fix it. Expected ones are values. */
import { type FlowError, formatFlowError } from './flowDefinition.ts';

export class MadoguchiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class FlowLoadError extends MadoguchiError {
  constructor(readonly errors: FlowError[]) {
    super(
      'FLOW_INVALID',
      `The flow files have ${errors.length} error(s); fix them and run \`npm run flows:check\`:\n` +
        errors.map((e) => `  ${formatFlowError(e)}`).join('\n'),
    );
  }
}
