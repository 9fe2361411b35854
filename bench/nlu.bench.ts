/**
 * NLU benchmark (`npm run bench nlu`):
 * - latency of one full reading (`Understanding.read`) against raw kuromoji tokenizing of the same
 *   texts in the same run, interleaved, so the cost above the tokenizer is a ratio (p50/p99 across
 *   texts of each text's median latency; throughput over every call);
 * - accuracy on the held-out sets next to nlp.js (@nlpjs/nlp + @nlpjs/lang-ja) trained on the same
 *   training examples (one nlp.js model for the branch, one for the cause, one for answers), and
 *   next to our lexicon alone, without the learned models.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Branch, CauseId } from '../src/core/domain.ts';
import type { AnswerKind } from '../src/core/ports.ts';
import { createUnderstanding } from '../src/nlu/createUnderstanding.ts';
import type { AnswerExample, ComplaintExample } from '../src/nlu/dictionarySchema.ts';
import { evaluateAnswers, evaluateComplaints } from '../src/nlu/evaluate.ts';
import { parseDictionaries } from '../src/nlu/parseDictionaries.ts';
import { readDictionaryFiles } from '../src/nlu/readDictionaryFiles.ts';
import { loadTokenizer } from '../src/nlu/tokenizer.ts';
import { percentile } from './percentile.ts';

const ROUNDS = 30;
const WARMUP_ROUNDS = 3;
const TODAY = new Date('2024-06-15T00:00:00Z');

interface NlpJs {
  use(plugin: unknown): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
}
// nlp.js ships no types; it is CommonJS, so require() gives it to us untyped in one place.
const require = createRequire(import.meta.url);
const { Nlp } = require('@nlpjs/nlp') as { Nlp: new (settings: object) => NlpJs };
const { LangJa } = require('@nlpjs/lang-ja') as { LangJa: unknown };

const us = (ns: number) => Math.round(ns / 10) / 100;
const pct = (x: number) => Math.round(x * 1000) / 10;

function timings(samples: number[], totalNs: number, calls = samples.length) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50_us: us(percentile(sorted, 50)),
    p99_us: us(percentile(sorted, 99)),
    throughput_per_s: Math.round(calls / (totalNs / 1e9)),
  };
}

async function trainNlpJs(docs: [string, string][]): Promise<NlpJs> {
  const nlp = new Nlp({
    languages: ['ja'],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    nlu: { log: false },
  });
  nlp.use(LangJa);
  for (const [text, intent] of docs) nlp.addDocument('ja', text, intent);
  await nlp.train();
  return nlp;
}

async function nlpJsScores(
  train: ComplaintExample[],
  heldout: ComplaintExample[],
  answersTrain: AnswerExample[],
  answersHeldout: AnswerExample[],
) {
  const branchModel = await trainNlpJs(train.map((e) => [e.text, e.branch]));
  const causeModel = await trainNlpJs(train.map((e) => [e.text, e.cause ?? 'none']));
  const answerModel = await trainNlpJs(answersTrain.map((e) => [e.text, e.answer]));
  const guesses = new Map<string, { branch: Branch; cause: CauseId | null }>();
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (const e of heldout) {
    const t0 = process.hrtime.bigint();
    const branch = (await branchModel.process('ja', e.text)).intent;
    const cause = (await causeModel.process('ja', e.text)).intent;
    samples.push(Number(process.hrtime.bigint() - t0));
    // nlp.js says "None" when nothing scores: that is our "other" / no cause.
    guesses.set(e.text, {
      branch: (branch === 'None' ? 'other' : branch) as Branch,
      cause: cause === 'None' || cause === 'none' ? null : (cause as CauseId),
    });
  }
  const total = Number(process.hrtime.bigint() - started);
  const answers = new Map<string, AnswerKind>();
  for (const e of answersHeldout) {
    const intent = (await answerModel.process('ja', e.text)).intent;
    answers.set(e.text, (intent === 'None' ? 'other' : intent) as AnswerKind);
  }
  const complaints = evaluateComplaints(
    heldout,
    (text) => guesses.get(text) ?? { branch: 'other', cause: null },
  );
  const answerMetrics = evaluateAnswers(answersHeldout, (text) => ({
    answer: answers.get(text) ?? 'other',
    wantsHuman: false,
    restart: false,
  }));
  return { complaints, answers: answerMetrics, latency: timings(samples, total) };
}

export default async function (): Promise<Record<string, unknown>[]> {
  const files = readDictionaryFiles(join(dirname(fileURLToPath(import.meta.url)), '../dictionaries'));
  const { complaintExamples, answerExamples } = parseDictionaries(files).dictionaries;
  const nlu = await createUnderstanding(files);
  const tokenizer = await loadTokenizer();
  const texts = [...complaintExamples, ...answerExamples].map((e) => e.text);

  // Per text, the median over the rounds: the machine is shared, and one descheduled call must
  // not pass for the cost of a text. p50/p99 are then taken across texts.
  const readNs = texts.map((): number[] => []);
  const tokenizeNs = texts.map((): number[] => []);
  let readTotal = 0;
  let tokenizeTotal = 0;
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const measured = round >= WARMUP_ROUNDS;
    texts.forEach((text, i) => {
      const t0 = process.hrtime.bigint();
      nlu.read(text, TODAY);
      const t1 = process.hrtime.bigint();
      tokenizer.tokenize(text);
      const t2 = process.hrtime.bigint();
      if (!measured) return;
      readNs[i]?.push(Number(t1 - t0));
      tokenizeNs[i]?.push(Number(t2 - t1));
      readTotal += Number(t1 - t0);
      tokenizeTotal += Number(t2 - t1);
    });
  }
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const calls = texts.length * ROUNDS;
  const read = timings(readNs.map(median), readTotal, calls);
  const tokenize = timings(tokenizeNs.map(median), tokenizeTotal, calls);

  const split = <T extends { split: string }>(xs: T[], s: string) => xs.filter((x) => x.split === s);
  const heldout = split(complaintExamples, 'heldout');
  const answersHeldout = split(answerExamples, 'heldout');
  const ours = evaluateComplaints(heldout, (text) => nlu.read(text, TODAY).complaint);
  const ourAnswers = evaluateAnswers(answersHeldout, (text) => nlu.read(text, TODAY).answer);
  const lexiconOnly = await createUnderstanding(files, { learned: false });
  const oursLexicon = evaluateComplaints(heldout, (text) => lexiconOnly.read(text, TODAY).complaint);
  const ourAnswersLexicon = evaluateAnswers(answersHeldout, (text) => lexiconOnly.read(text, TODAY).answer);
  const theirs = await nlpJsScores(
    split(complaintExamples, 'train'),
    heldout,
    split(answerExamples, 'train'),
    answersHeldout,
  );

  const accuracy = (system: string, c: typeof ours, a: typeof ourAnswers) => ({
    benchmark: 'nlu.heldout',
    system,
    complaints: c.total,
    branch_accuracy_pct: pct(c.branchAccuracy),
    swapped_pct: pct(c.swappedRate),
    cause_accuracy_pct: pct(c.causeAccuracy),
    cause_exact_pct: pct(c.causeExactAccuracy),
    answers: a.total,
    answer_accuracy_pct: pct(a.accuracy),
    yes_no_accuracy_pct: pct(a.yesNoAccuracy),
  });
  return [
    { benchmark: 'nlu.read', texts: texts.length, calls, ...read },
    { benchmark: 'kuromoji.tokenize', texts: texts.length, calls, ...tokenize },
    {
      benchmark: 'nlu.read/tokenize',
      ratio_p50: Math.round((read.p50_us / tokenize.p50_us) * 100) / 100,
      ratio_p99: Math.round((read.p99_us / tokenize.p99_us) * 100) / 100,
    },
    accuracy('madoguchi', ours, ourAnswers),
    accuracy('madoguchi, lexicon only', oursLexicon, ourAnswersLexicon),
    { ...accuracy('nlp.js', theirs.complaints, theirs.answers), branch_and_cause_latency: theirs.latency },
  ];
}
