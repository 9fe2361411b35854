/** Unexpected NLU failures: a code to branch on, context, and a message that says how to fix it. */
export type NluErrorCode = 'NLU_TOKENIZER_LOAD' | 'NLU_DICTIONARY_INVALID';

export interface DictionaryIssue {
  /** File name relative to the repository, e.g. `dictionaries/complaint.yaml`. */
  file: string;
  /** Where in the file, e.g. `terms[3].scores.giftcrd` (empty for the whole file). */
  path: string;
  reason: string;
}

export class NluError extends Error {
  readonly code: NluErrorCode;
  readonly issues: DictionaryIssue[];

  constructor(
    code: NluErrorCode,
    message: string,
    options: { cause?: unknown; issues?: DictionaryIssue[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'NluError';
    this.code = code;
    this.issues = options.issues ?? [];
  }

  static invalidDictionaries(issues: DictionaryIssue[]): NluError {
    const lines = issues.slice(0, 20).map((i) => `  ${i.file}${i.path ? ` at ${i.path}` : ''}: ${i.reason}`);
    const more = issues.length > 20 ? `\n  ... and ${issues.length - 20} more` : '';
    return new NluError(
      'NLU_DICTIONARY_INVALID',
      `Invalid dictionaries (fix these, then run \`npm run flows:check\`):\n${lines.join('\n')}${more}`,
      { issues },
    );
  }
}
