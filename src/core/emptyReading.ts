import type { Reading } from './ports.ts';

/** A reading that means nothing in particular: what the NLU gives when it can read nothing. */
export function emptyReading(text: string): Reading {
  return {
    complaint: { text, branch: 'other', cause: null, confidence: 0, evidence: [] },
    answer: { answer: 'other', wantsHuman: false, restart: false, evidence: [] },
    takeover: false,
    offTopic: false,
    greetingOnly: false,
    date: null,
    cardType: null,
    codes: [],
  };
}
