/**
 * Splits text into Khmer and other runs, because each needs its own font. Spaces and
 * invisible joiners carry no script of their own and stay in the run they follow, so a
 * Khmer phrase with spaces is one run and shapes (and copies) as one.
 */

/** A piece of text in one script family. */
export interface ScriptRun {
  text: string;
  khmer: boolean;
}

const KHMER = /[\p{Script=Khmer}]/u;
// Whitespace, zero-width space, non-joiner, joiner and the dotted circle shapers insert.
const NEUTRAL = /[\s\u200B-\u200D\u25CC]/u;

/** The Khmer and non-Khmer runs of `text`, in order. */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let current: ScriptRun | null = null;
  for (const char of text) {
    const khmer: boolean = NEUTRAL.test(char) && current ? current.khmer : KHMER.test(char);
    if (current && current.khmer === khmer) {
      current.text += char;
    } else {
      current = { text: char, khmer };
      runs.push(current);
    }
  }
  return runs;
}
