const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** At most `max` UTF-16 units, cut between graphemes, with an ellipsis when cut (platform limits). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}
