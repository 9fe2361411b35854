/**
 * The Understanding port of the core: dictionaries (YAML texts) + the process's kuromoji tokenizer
 * → `read(text, today)`, one Reading per user turn. The lexicons read each text, and the learned
 * models, trained here from the training examples, are blended in (blendReadings.ts). Resolves
 * once kuromoji is loaded and the models are trained; throws an NluError (NLU_DICTIONARY_INVALID,
 * with file/path/reason) when a dictionary is invalid.
 */

import { emptyReading } from '../core/emptyReading.ts';
import { findGiftCodes } from '../core/giftCodes.ts';
import type { CodeFinding, DateRange, Reading, Understanding } from '../core/ports.ts';
import { blendAnswer, blendComplaint } from './blendReadings.ts';
import { type AnswerSettings, classifyAnswer } from './classifyAnswer.ts';
import { type ComplaintSettings, classifyComplaint } from './classifyComplaint.ts';
import type { AnswerExample, ComplaintExample } from './dictionarySchema.ts';
import { addScore, tally } from './evidence.ts';
import { trainLearnedReaders } from './learnedReaders.ts';
import { NluError } from './NluError.ts';
import { compileRewrites, cutText, normalizeText } from './normalizeText.ts';
import { type DictionaryFile, type LexiconTerm, parseDictionaries } from './parseDictionaries.ts';
import { readCardType } from './readCardType.ts';
import { findDate } from './readDate.ts';
import { readTopic } from './readTopic.ts';
import { compileTerms } from './termMatcher.ts';
import { answerFeatures, complaintFeatures } from './textFeatures.ts';
import { loadTokenizer } from './tokenizer.ts';
import { type NluToken, toTokens } from './toTokens.ts';

export type { DictionaryFile } from './parseDictionaries.ts';

/** Understanding plus the pieces the eval, bench and tests look into. */
export interface NluUnderstanding extends Understanding {
  /** The normalised text and its tokens, as the classifiers see them. */
  analyse(text: string): { normalized: string; tokens: NluToken[] };
}

export interface UnderstandingOptions {
  /**
   * Blend the learned models into the lexicon's readings (default). Off, the lexicon reads alone:
   * what `eval:nlu --lexicon-only` scores while the lexicon is tuned.
   */
  learned?: boolean;
  /** Which examples the models learn from; by default every training example. */
  trainOn?: (example: ComplaintExample | AnswerExample) => boolean;
}

/** Each code becomes one symbol, so the words around it still read as they were written. */
function maskCodes(text: string, codes: CodeFinding[]): string {
  let masked = text;
  for (const c of [...codes].reverse()) masked = `${masked.slice(0, c.start)} ＃ ${masked.slice(c.end)}`;
  return masked;
}

/** A text that ends in a question mark asks something back. */
const ASKS_BACK = /[?？]\s*$/u;

/** A card-type score this high comes from a cue that names the type outright (印刷, 封筒, eメール). */
const CLEAR_CARD_TYPE = 3;

function isOld(range: DateRange, today: Date): boolean {
  const yearAgo = new Date(today.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  return range.to < yearAgo;
}

export async function createUnderstanding(
  dictionaries: DictionaryFile[],
  options: UnderstandingOptions = {},
): Promise<NluUnderstanding> {
  const { dictionaries: d, issues } = parseDictionaries(dictionaries);
  if (issues.length > 0) throw NluError.invalidDictionaries(issues);
  const tokenizer = await loadTokenizer();
  const rewrite = compileRewrites(d.rewrites);
  const rules = { negators: d.negators, bridges: d.bridges };

  const analyse = (text: string) => {
    const normalized = normalizeText(text, rewrite);
    return { normalized, tokens: toTokens(tokenizer.tokenize(normalized), d.lemmaSynonyms, rules) };
  };
  const tokensOf = (text: string) => analyse(text).tokens;
  const complaintTerms = compileTerms(d.lexicons.complaint.terms, tokensOf);
  const answerTerms = compileTerms(d.lexicons.answer.terms, tokensOf);
  const cardTypeTerms = compileTerms(d.lexicons.cardType.terms, tokensOf);
  const topicTerms = compileTerms(d.lexicons.topic.terms, tokensOf);
  const collisions = [complaintTerms, answerTerms, cardTypeTerms, topicTerms].flatMap((m) => m.collisions);
  if (collisions.length > 0) {
    throw NluError.invalidDictionaries(
      collisions.map(({ spelling, spec, other }) => {
        const { file, path } = spec as LexiconTerm;
        return {
          file,
          path,
          reason: `"${spelling}" reads the same as term "${other.term}" once tokenized: merge them`,
        };
      }),
    );
  }
  const complaintSettings = d.lexicons.complaint.settings as unknown as ComplaintSettings & {
    lexiconShare: number;
    takeover: number;
    oldDate: number;
    codeShape: number;
    cardTypeCue: number;
  };
  const answerSettings = d.lexicons.answer.settings as unknown as AnswerSettings & { lexiconShare: number };
  const cardTypeMin = d.lexicons.cardType.settings.minScore ?? 1;
  /** A text as every reader sees it: codes masked, normalised, tokenized. */
  const masked = (text: string) => {
    // Offsets must point into the text as given: the cut text is a prefix of it.
    const codes = findGiftCodes(cutText(text));
    // The classifiers never see a code: nothing of it can end up in the evidence.
    return { codes, ...analyse(maskCodes(cutText(text), codes)) };
  };
  /** ...and its date found, which only a complaint needs. */
  const prepare = (text: string, today: Date) => {
    const m = masked(text);
    const date = findDate(m.normalized, today);
    return { ...m, date, oldDate: date !== null && isOld(date.range, today) };
  };
  type Prepared = ReturnType<typeof prepare>;
  const featuresOf = (p: Prepared) =>
    complaintFeatures(p.normalized, p.tokens, { oldDate: p.oldDate, code: p.codes.length > 0 });
  const trainOn = options.trainOn ?? ((e: { split: string }) => e.split === 'train');
  // Relative dates in the examples (3年前) are read from the day the NLU starts.
  const started = new Date();
  const models =
    options.learned === false
      ? null
      : trainLearnedReaders(d.complaintExamples.filter(trainOn), d.answerExamples.filter(trainOn), {
          complaint: (text) => featuresOf(prepare(text, started)),
          answer: (text) => {
            const { normalized, tokens } = masked(text);
            return answerFeatures(normalized, tokens);
          },
        });
  const complaintShare = complaintSettings.lexiconShare;
  const answerShare = answerSettings.lexiconShare;

  const read = (text: string, today: Date): Reading => {
    const prepared = prepare(text, today);
    const { codes, normalized, tokens, date } = prepared;
    const complaintTally = tally(complaintTerms.match(tokens), tokens);
    if (date && prepared.oldDate) {
      // A card bought more than a year ago may have expired (e-mail and card types lasted 1 year).
      addScore(complaintTally, 'expired', complaintSettings.oldDate, date.words);
    }
    if (codes.length > 0) {
      // A pasted code is about a gift card code; a malformed one is likely mistyped.
      addScore(complaintTally, 'giftcard', complaintSettings.codeShape, 'ギフト券番号');
      if (codes.some((c) => c.fullWidth || !c.plausibleLength)) {
        addScore(complaintTally, 'input_error', complaintSettings.codeShape, '番号の形式');
      }
    }
    const cardTypeTally = tally(cardTypeTerms.match(tokens), tokens);
    const cardTypeCue = Object.entries(cardTypeTally.scores).find(([, score]) => score >= CLEAR_CARD_TYPE);
    if (cardTypeCue) {
      // How the card was issued (印刷した, 封筒の, メールで届いた) is said of a card in hand, not of a balance.
      addScore(complaintTally, 'giftcard', complaintSettings.cardTypeCue, cardTypeCue[0]);
    }
    const byLexicon = classifyComplaint(text, complaintTally, complaintSettings);
    const answerMatches = answerTerms.match(tokens);
    const takeover = (complaintTally.scores.takeover ?? 0) >= complaintSettings.takeover;
    const cues = {
      hasCode: codes.length > 0,
      asksBack: ASKS_BACK.test(normalized),
      answerWords: answerMatches.length > 0,
      takeover,
    };
    const complaint = models
      ? blendComplaint(byLexicon, featuresOf(prepared), models, complaintShare, cues, complaintTally.scores)
      : byLexicon;
    const answerByLexicon = classifyAnswer(tokens, answerMatches, complaintTally, answerSettings);
    const answer = models
      ? blendAnswer(answerByLexicon, () => answerFeatures(normalized, tokens), models, answerShare, cues)
      : answerByLexicon;
    const topicMatches = topicTerms.match(tokens);
    const topic = readTopic(tokens, topicMatches, tally(topicMatches, tokens), complaint, complaintTally);
    return {
      complaint,
      answer,
      takeover,
      ...topic,
      date: date?.range ?? null,
      cardType: readCardType(cardTypeTally, cardTypeMin),
      codes,
    };
  };

  return {
    analyse,
    read(text, today) {
      const input = typeof text === 'string' ? text : String(text ?? '');
      const day = today instanceof Date && Number.isFinite(today.getTime()) ? today : new Date();
      try {
        return read(input, day);
      } catch {
        // The port promises a reading for any text; a bug here must not take a conversation down.
        return emptyReading(input);
      }
    },
  };
}
