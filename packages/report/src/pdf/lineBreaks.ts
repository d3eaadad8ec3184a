/**
 * Where a line may break: after spaces, and between Khmer words, which are written without
 * spaces. ICU's dictionary (through `Intl.Segmenter` with the `km` locale) finds those word
 * boundaries; breaking anywhere else inside Khmer would cut a word in two.
 */

const segmenter = new Intl.Segmenter('km', { granularity: 'word' });
// Khmer letters, signs and digits, but not punctuation such as ។, which must not start a line.
const KHMER_LETTER = /(?=\p{Script=Khmer})[\p{L}\p{M}\p{Nd}]/u;
const SPACE = /\s/u;

/**
 * The string offsets at which a line may break, ascending, always ending with
 * `text.length`. A break at offset i puts `text[i]` first on the next line.
 */
export function breakOpportunities(text: string): number[] {
  const breaks = new Set<number>();
  for (let i = 1; i < text.length; i++) {
    if (SPACE.test(text[i - 1] ?? '') && !SPACE.test(text[i] ?? '')) breaks.add(i);
  }
  for (const { index } of segmenter.segment(text)) {
    if (index === 0) continue;
    if (KHMER_LETTER.test(text[index - 1] ?? '') && KHMER_LETTER.test(text[index] ?? '')) {
      breaks.add(index);
    }
  }
  breaks.add(text.length);
  return [...breaks].sort((a, b) => a - b);
}
