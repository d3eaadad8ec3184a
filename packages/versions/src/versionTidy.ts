/**
 * Makes a comparison read the way people see the text, not the way Yjs stores it.
 *
 * Yjs never brings deleted items back: restoring a version writes the old text again as
 * new items, and a diff item by item would show it deleted and inserted again. Here text
 * (and whole blocks) deleted and inserted again unchanged reads as unchanged. And a change
 * that starts inside a Khmer cluster (a subscript typed under a consonant) is widened to
 * the whole cluster, shown as the old cluster deleted and the new one inserted, since the
 * parts of a cluster cannot be shown apart.
 */
import type { DiffBlock, DiffChange, DiffRun } from './versionDiff.ts';

/** Runs of a block, neighbours with the same change, author and marks joined. */
export class RunList {
  readonly runs: DiffRun[] = [];
  private lastKey = '';

  push(text: string, change: DiffChange | null, participantId: string | null, marks: string[]) {
    if (text === '') return;
    const key = `${change}\u0000${participantId}\u0000${marks.join(',')}`;
    const last = this.runs.at(-1);
    if (last && key === this.lastKey) {
      last.text += text;
      return;
    }
    this.runs.push({ text, change, participantId, marks });
    this.lastKey = key;
  }

  pushAll(runs: readonly DiffRun[]): void {
    for (const run of runs) this.push(run.text, run.change, run.participantId, run.marks);
  }
}

const textOf = (runs: readonly DiffRun[]): string => runs.map((r) => r.text).join('');
const beforeSide = (runs: readonly DiffRun[]) => runs.filter((r) => r.change !== 'inserted');
const afterSide = (runs: readonly DiffRun[]) => runs.filter((r) => r.change !== 'deleted');
const unchanged = (run: DiffRun): DiffRun => ({ ...run, change: null, participantId: null });

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Clusters are short; segmenting this far around an offset finds the edges near it.
const CLUSTER_WINDOW = 32;

/** True when `at` is where a user-perceived character (grapheme cluster) starts or ends. */
function isClusterEdge(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const left = text.charCodeAt(at - 1);
  const right = text.charCodeAt(at);
  // Below U+0300 (combining marks) only CR LF hold together: no need to segment.
  if (left < 0x300 && right < 0x300) return !(left === 13 && right === 10);
  const start = Math.max(0, at - CLUSTER_WINDOW);
  for (const { index } of segmenter.segment(text.slice(start, at + CLUSTER_WINDOW))) {
    if (start + index >= at) return start + index === at;
  }
  return false;
}

/** Where grapheme clusters start and end in the text each side saw. */
class Clusters {
  private readonly before: string;
  private readonly after: string;

  constructor(runs: readonly DiffRun[]) {
    this.before = textOf(beforeSide(runs));
    this.after = textOf(afterSide(runs));
  }

  /** True when offsets `b` (in the text before) and `a` (after) are both cluster edges. */
  edge(b: number, a: number): boolean {
    return isClusterEdge(this.before, b) && isClusterEdge(this.after, a);
  }
}

/** The runs' text between two offsets, each piece keeping its run's change and author. */
function slice(runs: readonly DiffRun[], from: number, to: number): DiffRun[] {
  const pieces: DiffRun[] = [];
  let offset = 0;
  for (const run of runs) {
    const start = Math.max(from, offset);
    const end = Math.min(to, offset + run.text.length);
    if (start < end) pieces.push({ ...run, text: run.text.slice(start - offset, end - offset) });
    offset += run.text.length;
  }
  return pieces;
}

/**
 * Moves the part of a cluster that an unchanged run shares with a change into the change,
 * as that part deleted and inserted again, by the person who changed the cluster.
 */
function widenToClusters(runs: readonly DiffRun[], clusters: Clusters): DiffRun[] {
  const out = new RunList();
  let b = 0;
  let a = 0;
  runs.forEach((run, i) => {
    const length = run.text.length;
    if (run.change !== null) {
      out.push(run.text, run.change, run.participantId, run.marks);
      if (run.change === 'deleted') b += length;
      else a += length;
      return;
    }
    const previous = runs[i - 1];
    const next = runs[i + 1];
    let start = 0;
    if (previous?.change) while (start < length && !clusters.edge(b + start, a + start)) start++;
    let end = length;
    if (next?.change) while (end > start && !clusters.edge(b + end, a + end)) end--;
    const moved = (text: string, by: DiffRun | undefined) => {
      out.push(text, 'deleted', by?.participantId ?? null, run.marks);
      out.push(text, 'inserted', by?.participantId ?? null, run.marks);
    };
    moved(run.text.slice(0, start), previous);
    out.push(run.text.slice(start, end), null, null, run.marks);
    moved(run.text.slice(end), next);
    b += length;
    a += length;
  });
  return out.runs;
}

// Spaces (also Khmer's zero-width one) and punctuation separate words.
const WORD_SEPARATOR = /[\s\p{P}\u200b]/u;

/** True when a cut at `at` does not split a word (a changed word reads as a whole). */
function isWordEdge(text: string, at: number): boolean {
  return (
    at === 0 ||
    at === text.length ||
    WORD_SEPARATOR.test(text[at - 1] ?? '') ||
    WORD_SEPARATOR.test(text[at] ?? '')
  );
}

/**
 * In each stretch of changes between unchanged text, the words deleted and inserted again
 * at its start or end read as unchanged, and the rest reads as what was deleted, then what
 * was inserted.
 */
function cancelRewritten(runs: readonly DiffRun[], clusters: Clusters): DiffRun[] {
  const out = new RunList();
  let b = 0;
  let a = 0;
  for (let i = 0; i < runs.length; ) {
    const run = runs[i] as DiffRun;
    if (run.change === null) {
      out.pushAll([run]);
      b += run.text.length;
      a += run.text.length;
      i++;
      continue;
    }
    let j = i;
    while (j < runs.length && runs[j]?.change !== null) j++;
    const stretch = runs.slice(i, j);
    const deleted = stretch.filter((r) => r.change === 'deleted');
    const inserted = stretch.filter((r) => r.change === 'inserted');
    const was = textOf(deleted);
    const is = textOf(inserted);
    let prefix = 0;
    while (prefix < was.length && prefix < is.length && was[prefix] === is[prefix]) prefix++;
    const cutsAt = (w: number, i: number) =>
      clusters.edge(b + w, a + i) && isWordEdge(was, w) && isWordEdge(is, i);
    while (prefix > 0 && !cutsAt(prefix, prefix)) prefix--;
    let suffix = 0;
    const room = Math.min(was.length, is.length) - prefix;
    while (suffix < room && was[was.length - 1 - suffix] === is[is.length - 1 - suffix]) suffix++;
    while (suffix > 0 && !cutsAt(was.length - suffix, is.length - suffix)) suffix--;
    // Deletions read first, as in any diff; within a stretch both orders say the same.
    out.pushAll(slice(inserted, 0, prefix).map(unchanged));
    out.pushAll(slice(deleted, prefix, was.length - suffix));
    out.pushAll(slice(inserted, prefix, is.length - suffix));
    out.pushAll(slice(inserted, is.length - suffix, is.length).map(unchanged));
    b += was.length;
    a += is.length;
    i = j;
  }
  return out.runs;
}

/** A block's runs as a reader should see them (see the top of this file). */
export function tidyRuns(runs: DiffRun[]): DiffRun[] {
  if (runs.every((r) => r.change === null)) return runs;
  const clusters = new Clusters(runs);
  return cancelRewritten(widenToClusters(runs, clusters), clusters);
}

const blockKey = (block: DiffBlock): string =>
  JSON.stringify([
    block.type,
    block.path,
    block.level ?? null,
    textOf(block.change === 'deleted' ? beforeSide(block.runs) : afterSide(block.runs)),
  ]);

/**
 * Blocks removed and written again with the same type, place and text (a restored
 * paragraph) read as one unchanged block. In each stretch of whole-block changes, every
 * inserted block is paired with the first unpaired removed one like it, in order.
 */
export function cancelRewrittenBlocks(blocks: DiffBlock[]): DiffBlock[] {
  const out: DiffBlock[] = [];
  for (let i = 0; i < blocks.length; ) {
    let j = i;
    while (j < blocks.length && blocks[j]?.change !== null) j++;
    if (j === i) {
      out.push(blocks[i] as DiffBlock);
      i++;
      continue;
    }
    const stretch = blocks.slice(i, j);
    const removed = new Map<string, number[]>();
    stretch.forEach((block, k) => {
      if (block.change !== 'deleted') return;
      const key = blockKey(block);
      removed.set(key, [...(removed.get(key) ?? []), k]);
    });
    const paired = new Set<number>();
    let last = -1;
    const kept = stretch.map((block): DiffBlock => {
      if (block.change !== 'inserted') return block;
      const candidates = removed.get(blockKey(block)) ?? [];
      const match = candidates.find((k) => k > last && !paired.has(k));
      if (match === undefined) return block;
      paired.add(match);
      last = match;
      return { ...block, change: null, participantId: null, runs: block.runs.map(unchanged) };
    });
    out.push(...kept.filter((_, k) => !paired.has(k)));
    i = j;
  }
  return out;
}
