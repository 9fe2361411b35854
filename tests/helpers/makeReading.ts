import type { Reading } from '../../src/core/ports.ts';

type ReadingPatch = Omit<Partial<Reading>, 'complaint' | 'answer'> & {
  complaint?: Partial<Reading['complaint']>;
  answer?: Partial<Reading['answer']>;
};

/** A Reading that means nothing in particular, with the given parts changed. */
export function makeReading(patch: ReadingPatch = {}, text = ''): Reading {
  return {
    takeover: false,
    offTopic: false,
    greetingOnly: false,
    date: null,
    cardType: null,
    codes: [],
    ...patch,
    complaint: { text, branch: 'other', cause: null, confidence: 0, evidence: [], ...patch.complaint },
    answer: { answer: 'other', wantsHuman: false, restart: false, evidence: [], ...patch.answer },
  };
}
