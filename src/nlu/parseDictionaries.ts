/**
 * YAML texts → checked dictionary data, plus every problem found (file, path, reason). Pure: no
 * disk, no kuromoji; validateDictionaries and createUnderstanding both stand on it.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Branch, CauseId } from '../core/domain.ts';
import { CAUSES_BY_BRANCH, causeFitsBranch } from './causeBranches.ts';
import {
  type AnswerExample,
  type ComplaintExample,
  dictionaryFileSchema,
  LEXICON_NAMES,
  LEXICONS,
  type LexiconName,
  type TermSpec,
} from './dictionarySchema.ts';
import type { DictionaryIssue } from './NluError.ts';
import type { Rewrite } from './normalizeText.ts';

export interface DictionaryFile {
  /** Relative to the repository, e.g. `dictionaries/complaint.yaml`. */
  name: string;
  text: string;
}

export type LexiconTerm = TermSpec & { file: string; path: string };

export interface Lexicon {
  name: LexiconName;
  settings: Record<string, number>;
  terms: LexiconTerm[];
}

export interface Dictionaries {
  rewrites: Rewrite[];
  lemmaSynonyms: Map<string, string>;
  negators: Set<string>;
  bridges: Set<string>;
  lexicons: Record<LexiconName, Lexicon>;
  complaintExamples: ComplaintExample[];
  answerExamples: AnswerExample[];
}

type Path = (string | number)[];

function formatPath(path: Path): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

function unknownKey(key: string, allowed: readonly string[]): string {
  const near = allowed.find((k) => editDistance(k, key) <= 2);
  return `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; expected one of ${allowed.join(', ')}`;
}

function emptyDictionaries(): Dictionaries {
  const lexicons = Object.fromEntries(
    LEXICON_NAMES.map((name) => [name, { name, settings: { ...LEXICONS[name].settings }, terms: [] }]),
  ) as unknown as Record<LexiconName, Lexicon>;
  return {
    rewrites: [],
    lemmaSynonyms: new Map(),
    negators: new Set(),
    bridges: new Set(),
    lexicons,
    complaintExamples: [],
    answerExamples: [],
  };
}

export function parseDictionaries(files: DictionaryFile[]): {
  dictionaries: Dictionaries;
  issues: DictionaryIssue[];
} {
  const out = emptyDictionaries();
  const issues: DictionaryIssue[] = [];
  const seenExampleIds = new Map<string, string>();
  const settingsFrom = new Map<LexiconName, string>();
  let negationFiles = 0;

  for (const file of files) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter, uniqueKeys: true });
    const issue = (path: Path, reason: string) => {
      const node: unknown = path.length ? doc.getIn(path, true) : doc.contents;
      const offset = isNode(node) ? node.range?.[0] : undefined;
      const line = offset === undefined ? '' : `line ${lineCounter.linePos(offset).line}: `;
      issues.push({ file: file.name, path: formatPath(path), reason: `${line}${reason}` });
    };
    if (doc.errors.length > 0) {
      for (const e of doc.errors) issues.push({ file: file.name, path: '', reason: `YAML: ${e.message}` });
      continue;
    }
    const parsed = dictionaryFileSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
        if (i.code === 'unrecognized_keys') {
          for (const key of i.keys) issue([...path, key], `unknown key "${key}"`);
        } else if (path.length > 0 && !doc.hasIn(path)) {
          issue(path.slice(0, -1), `missing "${String(path[path.length - 1])}" (${i.message})`);
        } else {
          issue(path, i.message);
        }
      }
      continue;
    }
    const content = parsed.data;
    switch (content.kind) {
      case 'normalization':
        out.rewrites.push(...content.rewrites.flatMap((r) => r.from.map((from) => ({ from, to: r.to }))));
        for (const [i, l] of content.lemmas.entries()) {
          for (const from of l.from) {
            if (out.lemmaSynonyms.has(from)) issue(['lemmas', i], `"${from}" is mapped twice`);
            out.lemmaSynonyms.set(from, l.to);
          }
        }
        break;
      case 'negation':
        negationFiles++;
        for (const n of content.negators) out.negators.add(n);
        for (const b of content.bridges) out.bridges.add(b);
        break;
      case 'lexicon': {
        const spec = LEXICONS[content.name];
        const lexicon = out.lexicons[content.name];
        if (content.settings) {
          const previous = settingsFrom.get(content.name);
          if (previous)
            issue(['settings'], `settings of lexicon "${content.name}" already given in ${previous}`);
          settingsFrom.set(content.name, file.name);
          for (const [key, value] of Object.entries(content.settings)) {
            if (!(key in spec.settings))
              issue(['settings', key], unknownKey(key, Object.keys(spec.settings)));
            else lexicon.settings[key] = value;
          }
        }
        const known = new Set(lexicon.terms.flatMap((t) => [t.term, ...(t.forms ?? [])]));
        for (const [i, term] of content.terms.entries()) {
          for (const field of ['scores', 'negated'] as const) {
            for (const key of Object.keys(term[field] ?? {})) {
              if (!(spec.keys as readonly string[]).includes(key)) {
                issue(['terms', i, field, key], unknownKey(key, spec.keys));
              }
            }
          }
          if (Object.keys(term.scores).length === 0 && Object.keys(term.negated ?? {}).length === 0) {
            issue(['terms', i, 'scores'], `"${term.term}" has no scores: it would do nothing`);
          }
          for (const spelling of [term.term, ...(term.forms ?? [])]) {
            if (known.has(spelling))
              issue(['terms', i], `"${spelling}" is already a term of lexicon "${content.name}"`);
            known.add(spelling);
          }
          lexicon.terms.push({ ...term, file: file.name, path: formatPath(['terms', i]) });
        }
        break;
      }
      case 'complaint-examples':
      case 'answer-examples':
        for (const [i, example] of content.examples.entries()) {
          const previous = seenExampleIds.get(example.id);
          if (previous)
            issue(['examples', i, 'id'], `duplicate example id "${example.id}" (also in ${previous})`);
          seenExampleIds.set(example.id, file.name);
          if ('branch' in example) {
            if (example.cause && !causeFitsBranch(example.branch, example.cause)) {
              issue(['examples', i, 'cause'], causeMismatch(example.branch, example.cause));
            }
            out.complaintExamples.push({ ...example, split: content.split, source: file.name });
          } else {
            out.answerExamples.push({ ...example, split: content.split, source: file.name });
          }
        }
        break;
    }
  }

  if (files.length > 0) {
    const where = { file: 'dictionaries/', path: '' };
    if (negationFiles === 0) issues.push({ ...where, reason: 'no file of kind "negation"' });
    for (const name of LEXICON_NAMES) {
      if (out.lexicons[name].terms.length === 0)
        issues.push({ ...where, reason: `no lexicon named "${name}"` });
    }
  }
  return { dictionaries: out, issues };
}

function causeMismatch(branch: Branch, cause: CauseId): string {
  const allowed = CAUSES_BY_BRANCH[branch];
  return `cause "${cause}" does not belong to branch "${branch}" (allowed: ${allowed.join(', ') || 'none'})`;
}
