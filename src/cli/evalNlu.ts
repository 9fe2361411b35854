/**
 * `npm run eval:nlu [-- --split train|heldout|all] [--file NAME] [--lexicon-only] [--leave-out NAME]
 * [--errors]`: precision and recall per branch and per cause, the branch confusion matrix and answer
 * accuracy. The held-out sets are the default and the ones to report; tune on `--split train` only.
 * `--file heldout4` keeps the examples of the files whose name contains NAME (one held-out set, one
 * training author). `--lexicon-only` scores the lexicon without the learned models (what lexicon
 * tuning looks at). `--leave-out trainB` trains the models without the files matching trainB and
 * scores those files: how the models do on an author they never saw.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUnderstanding } from '../nlu/createUnderstanding.ts';
import { type Confusion, evaluateAnswers, evaluateComplaints, type LabelStats } from '../nlu/evaluate.ts';
import { parseDictionaries } from '../nlu/parseDictionaries.ts';
import { readDictionaryFiles } from '../nlu/readDictionaryFiles.ts';

const args = process.argv.slice(2);
const flagValue = (flag: string) => (args.includes(flag) ? (args[args.indexOf(flag) + 1] ?? '') : '');
const leaveOut = flagValue('--leave-out');
const fileArg = leaveOut || flagValue('--file');
const split = flagValue('--split') || (leaveOut ? 'train' : 'heldout');
const showErrors = args.includes('--errors');
const today = new Date();

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pad = (s: string | number, n: number) => String(s).padStart(n);

function statsTable(title: string, stats: LabelStats[]): string {
  const rows = stats
    .filter((s) => s.support > 0 || s.predicted > 0)
    .map(
      (s) =>
        `  ${s.label.padEnd(20)}${pad(s.support, 8)}${pad(pct(s.precision), 11)}${pad(pct(s.recall), 9)}`,
    );
  return [
    `${title}`,
    `  ${'label'.padEnd(20)}${pad('support', 8)}${pad('precision', 11)}${pad('recall', 9)}`,
    ...rows,
  ].join('\n');
}

function matrix(c: Confusion): string {
  const w = Math.max(...c.labels.map((l) => l.length)) + 2;
  const head = `  ${'expected \\ got'.padEnd(16)}${c.labels.map((l) => pad(l, w)).join('')}`;
  const rows = c.labels.map(
    (l, i) => `  ${l.padEnd(16)}${(c.counts[i] ?? []).map((n) => pad(n, w)).join('')}`,
  );
  return [head, ...rows].join('\n');
}

const files = readDictionaryFiles(join(dirname(fileURLToPath(import.meta.url)), '../../dictionaries'));
const { dictionaries } = parseDictionaries(files);
const nlu = await createUnderstanding(files, {
  learned: !args.includes('--lexicon-only'),
  trainOn: (e) => e.split === 'train' && !(leaveOut && e.source.includes(leaveOut)),
});
const pick = <T extends { split: string; source: string }>(xs: T[]) =>
  xs.filter((x) => (split === 'all' || x.split === split) && x.source.includes(fileArg));

const complaints = evaluateComplaints(
  pick(dictionaries.complaintExamples),
  (text) => nlu.read(text, today).complaint,
);
const answers = evaluateAnswers(pick(dictionaries.answerExamples), (text) => nlu.read(text, today).answer);

const out = [
  `NLU evaluation on the ${split} set${fileArg ? ` (files matching "${fileArg}")` : ''}${
    args.includes('--lexicon-only') ? ', lexicon only' : leaveOut ? ', models trained without them' : ''
  }`,
  '',
  `Complaints: ${complaints.total}`,
  `  branch accuracy        ${pct(complaints.branchAccuracy)}`,
  `  giftcard/account swap  ${pct(complaints.swappedRate)}`,
  `  cause accuracy         ${pct(complaints.causeAccuracy)} (examples labelled with a cause)`,
  `  cause exact            ${pct(complaints.causeExactAccuracy)} (all examples, "no cause" included)`,
  '',
  statsTable('Branches', complaints.branches),
  '',
  'Branch confusion matrix',
  matrix(complaints.confusion),
  '',
  statsTable('Causes', complaints.causes),
  '',
  `Answers: ${answers.total}`,
  `  accuracy               ${pct(answers.accuracy)}`,
  `  yes/no accuracy        ${pct(answers.yesNoAccuracy)}`,
  `  human/restart wishes   ${pct(answers.wishAccuracy)}`,
  '',
  statsTable('Answer kinds', answers.kinds),
  '',
  'Answer confusion matrix',
  matrix(answers.confusion),
];
if (showErrors) {
  out.push('', 'Errors');
  for (const e of [...complaints.errors, ...answers.errors])
    out.push(`  ${e.id}  ${e.expected} → ${e.got}  ${e.text}`);
}
process.stdout.write(`${out.join('\n')}\n`);
