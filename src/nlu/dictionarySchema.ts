/**
 * The shapes of the YAML files in dictionaries/. Every file says what it is with `kind`; unknown
 * keys are errors so that a typo (`scroes:`) is caught instead of silently ignored.
 */
import { z } from 'zod';
import { ANSWER_KINDS, BRANCHES, CARD_TYPES, CAUSE_IDS } from '../core/domain.ts';

/** The score keys each lexicon may use, and the settings it understands (with defaults). */
export const LEXICONS = {
  complaint: {
    keys: ['giftcard', 'account', 'other', 'topic', 'takeover', ...CAUSE_IDS],
    settings: {
      minDomain: 1,
      unclearMargin: 1,
      minCause: 1.5,
      otherOverDomain: 1,
      otherUnanchored: 1,
      causeDecides: 1.5,
      takeover: 1,
      oldDate: 1.5,
      codeShape: 2,
      cardTypeCue: 1,
      // How much the lexicon's branch counts against the learned model's (blendReadings.ts).
      lexiconShare: 0.3,
    },
  },
  answer: {
    keys: ['yes', 'no', 'unsure', 'human', 'restart', 'statement'],
    settings: {
      minScore: 1,
      negatedPredicate: 1.5,
      complaintOverrides: 2,
      affirmedPredicate: 1.5,
      affirmedOverrides: 3,
      // How much the lexicon's answer counts against the learned model's where it recognised no
      // word (blendReadings.ts); 1 = the lexicon alone.
      lexiconShare: 0.35,
    },
  },
  cardType: { keys: [...CARD_TYPES], settings: { minScore: 1 } },
  topic: { keys: ['greeting', 'courtesy'], settings: {} },
} as const;
export type LexiconName = keyof typeof LEXICONS;
export const LEXICON_NAMES = Object.keys(LEXICONS) as LexiconName[];

const text = z.string().trim().min(1, 'must not be empty');
const scoreMap = z.record(z.string(), z.number().finite());

export const termSchema = z.strictObject({
  term: text,
  /** Other spellings of the same term (each compiled like `term`). */
  forms: z.array(text).optional(),
  scores: scoreMap.default({}),
  /** Scores when the term is negated (登録できない, 使えない); omitted = a negated term counts for nothing. */
  negated: scoreMap.optional(),
  note: z.string().optional(),
});

const lexiconFile = z.strictObject({
  kind: z.literal('lexicon'),
  name: z.enum(LEXICON_NAMES as [LexiconName, ...LexiconName[]]),
  description: z.string().optional(),
  settings: z.record(z.string(), z.number().finite()).optional(),
  terms: z.array(termSchema).min(1, 'a lexicon needs at least one term'),
});

const normalizationFile = z.strictObject({
  kind: z.literal('normalization'),
  description: z.string().optional(),
  /** Spelling variants replaced in the text before tokenizing. */
  rewrites: z.array(z.strictObject({ to: text, from: z.array(text).min(1) })).default([]),
  /** Base forms that mean the same word after tokenizing (出来る → できる). */
  lemmas: z.array(z.strictObject({ to: text, from: z.array(text).min(1) })).default([]),
});

const negationFile = z.strictObject({
  kind: z.literal('negation'),
  description: z.string().optional(),
  /** Base forms that negate what comes before them (ない, ぬ, ん, へん). */
  negators: z.array(text).min(1),
  /** Base forms that may stand between a predicate and its negator (て, いる, できる, しまう). */
  bridges: z.array(text).default([]),
});

const split = z.enum(['train', 'heldout']);

/** A file of labelled examples: an id and a text each, plus the labels of its kind. */
function examplesFile<K extends string, Labels extends z.ZodRawShape>(kind: K, labels: Labels) {
  return z.strictObject({
    kind: z.literal(kind),
    split,
    examples: z.array(z.strictObject({ id: text, text, ...labels })).min(1),
  });
}

const complaintExamplesFile = examplesFile('complaint-examples', {
  branch: z.enum(BRANCHES),
  cause: z.enum(CAUSE_IDS).nullable(),
});

const answerExamplesFile = examplesFile('answer-examples', {
  answer: z.enum(ANSWER_KINDS),
  wantsHuman: z.boolean().optional(),
  restart: z.boolean().optional(),
});

export const dictionaryFileSchema = z.discriminatedUnion('kind', [
  lexiconFile,
  normalizationFile,
  negationFile,
  complaintExamplesFile,
  answerExamplesFile,
]);
export type DictionaryFileContent = z.infer<typeof dictionaryFileSchema>;
export type TermSpec = z.infer<typeof termSchema>;
/** An example as loaded: its split and the file it came from (`dictionaries/examples/x.yaml`). */
type Loaded<File extends { examples: unknown[] }> = File['examples'][number] & {
  split: z.infer<typeof split>;
  source: string;
};
export type ComplaintExample = Loaded<z.infer<typeof complaintExamplesFile>>;
export type AnswerExample = Loaded<z.infer<typeof answerExamplesFile>>;
