import { emptyReading } from '../../src/core/emptyReading.ts';
import type { Reading } from '../../src/core/ports.ts';

type ReadingPatch = Omit<Partial<Reading>, 'complaint' | 'answer'> & {
  complaint?: Partial<Reading['complaint']>;
  answer?: Partial<Reading['answer']>;
};

/** A Reading that means nothing in particular, with the given parts changed. */
export function makeReading(patch: ReadingPatch = {}, text = ''): Reading {
  const empty = emptyReading(text);
  return {
    ...empty,
    ...patch,
    complaint: { ...empty.complaint, ...patch.complaint },
    answer: { ...empty.answer, ...patch.answer },
  };
}
