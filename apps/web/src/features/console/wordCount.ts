// Khmer writes no spaces between words, so splitting on spaces would count a Khmer
// paragraph as a handful of "words"; the segmenter knows Khmer's word boundaries.
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** How many words a text has, in English and Khmer alike (punctuation is not a word). */
export function countWords(text: string): number {
  let count = 0;
  for (const segment of words.segment(text)) if (segment.isWordLike) count += 1;
  return count;
}
