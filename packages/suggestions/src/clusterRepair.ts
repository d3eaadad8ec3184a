import { SUGGESTION_FORMAT, type SuggestionAttrs } from '@plenary/editor';
import type * as Y from 'yjs';
import { graphemeBoundaries } from './graphemeAlignment.ts';
import { chunksOf, textsOf } from './textChunks.ts';

/** One UTF-16 code unit of a Yjs text and the suggestion marks on it. */
interface Unit {
  char: string;
  insertion: SuggestionAttrs | undefined;
  deletion: SuggestionAttrs | undefined;
  attributes: Readonly<Record<string, unknown>>;
}

const marksKey = ({ insertion, deletion }: Pick<Unit, 'insertion' | 'deletion'>): string =>
  `${insertion?.id ?? ''}/${deletion?.id ?? ''}`;
const textOf = (units: readonly Unit[]): string => units.map((u) => u.char).join('');

function unitsOf(text: Y.XmlText): Unit[] {
  return chunksOf(text).flatMap((chunk) =>
    [...Array(chunk.length).keys()].map((i) => ({
      char: chunk.str.charAt(i),
      insertion: chunk.insertion,
      deletion: chunk.deletion,
      attributes: chunk.attributes,
    })),
  );
}

/** The last cluster ending by `limit` whose code units carry different marks, as [from, to). */
function lastMixedCluster(
  units: readonly Unit[],
  bounds: readonly number[],
  limit: number,
): [number, number] | null {
  for (let i = bounds.length - 2; i >= 0; i--) {
    const [from, to] = [bounds[i] as number, bounds[i + 1] as number];
    if (to > limit) continue;
    const cluster = units.slice(from, to);
    if (cluster.some((unit) => marksKey(unit) !== marksKey(cluster[0] as Unit))) return [from, to];
  }
  return null;
}

/**
 * The span to rewrite for the mixed cluster [from, to): the cluster, widened by whole
 * clusters until the text it becomes (what it held before the suggestions, then what it
 * holds after them) starts and ends on cluster boundaries in the text around it. A vowel
 * sign typed after a consonant someone deleted at the same moment needs the cluster
 * before it too. Null when a few clusters either side do not do.
 */
function spanToRewrite(
  units: readonly Unit[],
  bounds: readonly number[],
  [from, to]: [number, number],
): Rewrite | null {
  let [start, end] = [bounds.indexOf(from), bounds.indexOf(to)];
  for (let widen = 0; widen < 4; widen++) {
    const [s, e] = [bounds[start] as number, bounds[end] as number];
    const span = units.slice(s, e);
    const before = textOf(span.filter((u) => !u.insertion));
    const after = textOf(span.filter((u) => !u.deletion));
    // The new text after the old, or, when it starts with a sign that would join the
    // old text's last cluster (a vowel typed after a deleted consonant), before it.
    // Sixteen code units either side are context enough for a Khmer cluster.
    const lead = textOf(units.slice(Math.max(0, s - 16), s));
    const tail = textOf(units.slice(e, e + 16));
    for (const newFirst of [false, true]) {
      const [first, second] = newFirst ? [after, before] : [before, after];
      const at = new Set(graphemeBoundaries(lead + first + second + tail));
      const b = lead.length;
      if ([b, b + first.length, b + first.length + second.length].every((x) => at.has(x))) {
        return { from: s, to: e, newFirst };
      }
    }
    start = Math.max(0, start - 1);
    end = Math.min(bounds.length - 1, end + 1);
  }
  return null;
}

/** Units [from, to) to rewrite, and whether the new text goes before the old. */
interface Rewrite {
  from: number;
  to: number;
  newFirst: boolean;
}

/**
 * Rewrites units [from, to) as what they held before the suggestions, suggested for
 * deletion, followed by what they hold after them, suggested for insertion, under one
 * suggestion: accepting gives the new text and rejecting the old, as before, and no
 * <ins> or <del> starts inside a cluster. Text suggested both for insertion and for
 * deletion goes, as accepting or rejecting both would remove it. The suggestion is the
 * first one found there: a cluster two people changed at once is credited to one of them.
 */
function rewrite(text: Y.XmlText, units: readonly Unit[], { from, to, newFirst }: Rewrite): void {
  const span = units.slice(from, to);
  const insertion = span.find((u) => u.insertion)?.insertion;
  const deletion = span.find((u) => u.deletion)?.deletion;
  const mark = (insertion ?? deletion) as SuggestionAttrs;
  // From the end, so the indexes before stay valid: the old text stays, struck through.
  for (let i = span.length - 1; i >= 0; i--) {
    const unit = span[i] as Unit;
    if (unit.insertion) text.delete(from + i, 1);
    else if (unit.deletion?.id !== (deletion ?? mark).id) {
      text.format(from + i, 1, { [SUGGESTION_FORMAT.deletion]: deletion ?? mark });
    }
  }
  const kept = span.filter((u) => !u.deletion);
  if (kept.length === 0) return;
  const old = span.filter((u) => !u.insertion).length;
  const {
    [SUGGESTION_FORMAT.insertion]: _i,
    [SUGGESTION_FORMAT.deletion]: _d,
    ...others
  } = (kept[0] as Unit).attributes;
  text.insert(newFirst ? from : from + old, textOf(kept), {
    ...others,
    [SUGGESTION_FORMAT.insertion]: insertion ?? mark,
    [SUGGESTION_FORMAT.deletion]: null,
  });
}

// The repair runs after every change to a section: this test segments only around the
// places where the marks change, and only again once the paragraph's text or those
// places changed (most changes to a section leave most of its paragraphs as they were).
const checked = new WeakMap<Y.XmlText, { whole: string; changes: string; mixed: boolean }>();

function marksChangeInsideCluster(text: Y.XmlText): boolean {
  const chunks = chunksOf(text);
  const changes: number[] = [];
  let at = 0;
  let previous: string | null = null;
  for (const chunk of chunks) {
    const key = marksKey(chunk);
    if (previous !== null && key !== previous) changes.push(at);
    previous = key;
    at += chunk.length;
  }
  if (changes.length === 0) return false;
  const whole = chunks.map((chunk) => chunk.str).join('');
  const known = checked.get(text);
  if (known && known.whole === whole && known.changes === changes.join()) return known.mixed;
  const mixed = changes.some((change) => {
    // Between two printable ASCII characters a cluster always ends.
    if (/^[ -~]{2}$/.test(whole.slice(change - 1, change + 1))) return false;
    // A Khmer cluster is a few code units long: sixteen either side are context enough.
    const from = Math.max(0, change - 16);
    const around = whole.slice(from, change + 16);
    return !graphemeBoundaries(around).includes(change - from);
  });
  checked.set(text, { whole, changes: changes.join(), mixed });
  return mixed;
}

/**
 * Makes every grapheme cluster of a section carry one set of suggestion marks. A
 * person's editor does so for their own typing (graphemeAlignment.ts); two people
 * changing one Khmer cluster at the same moment each aligned to the text they saw, and
 * the merge can still put a suggestion boundary inside it, which renders the cluster's
 * parts apart. Call it inside a transaction; returns how many spans it rewrote. With
 * `texts`, only those paragraphs of the section are looked at.
 */
export function keepClustersWhole(
  fragment: Y.XmlFragment,
  texts: Iterable<Y.XmlText> = textsOf(fragment),
): number {
  let rewritten = 0;
  for (const text of texts) {
    if (!marksChangeInsideCluster(text)) continue;
    // From the end: a rewrite changes nothing before the span it rewrites.
    let limit = Number.POSITIVE_INFINITY;
    for (;;) {
      const units = unitsOf(text);
      const bounds = graphemeBoundaries(textOf(units));
      const mixed = lastMixedCluster(units, bounds, limit);
      if (!mixed) break;
      const span = spanToRewrite(units, bounds, mixed);
      if (span) {
        rewrite(text, units, span);
        rewritten++;
      }
      limit = span ? span.from : mixed[0];
    }
  }
  return rewritten;
}
