/**
 * Where a comment sits in a section: two Yjs relative positions over the section's
 * XmlFragment, so the range follows every edit made around and inside it, from any
 * client, without the document carrying anything for it. The server makes and resolves
 * them; the stored quote stays as it was, for when the words are gone.
 */
import * as Y from 'yjs';

/** A text run of the fragment and where it starts in the section's flat text. */
interface TextRun {
  text: Y.XmlText;
  start: number;
  length: number;
}

/** The section as one string (blocks joined by "\n") and the Yjs text runs it is made of. */
interface FlatText {
  value: string;
  runs: TextRun[];
}

// An embed in a text run counts one character in Yjs, as in ProseMirror.
const EMBED = '\uFFFC';

function runValue(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((part) => (typeof part.insert === 'string' ? part.insert : EMBED))
    .join('');
}

/** The fragment's text in document order; runs of different blocks are joined by "\n". */
function flatten(fragment: Y.XmlFragment | Y.XmlElement): FlatText {
  const flat: FlatText = { value: '', runs: [] };
  let lastBlock: Y.XmlFragment | Y.XmlElement | null = null;
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        if (lastBlock !== null && lastBlock !== node) flat.value += '\n';
        const value = runValue(child);
        flat.runs.push({ text: child, start: flat.value.length, length: value.length });
        flat.value += value;
        lastBlock = node;
      } else if (child instanceof Y.XmlElement) {
        walk(child);
      }
    }
  };
  walk(fragment);
  return flat;
}

/** Whitespace runs (newlines too) as one space, with where each kept character came from. */
function normalized(value: string): { text: string; from: number[] } {
  let text = '';
  const from: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] as string;
    if (/\s/.test(char)) {
      if (text.endsWith(' ')) continue;
      text += ' ';
    } else {
      text += char;
    }
    from.push(i);
  }
  return { text, from };
}

/** A quote as it is compared: whitespace collapsed and trimmed. */
export const normalizeQuote = (quote: string): string => normalized(quote).text.trim();

/** A comment's range, as encoded Yjs relative positions. */
export interface EncodedAnchor {
  start: Uint8Array;
  end: Uint8Array;
}

/**
 * Anchors `quote` to its first occurrence in the section's text (whitespace and block
 * breaks compared loosely), or null when the section does not hold it. The start sticks
 * to the first quoted character and the end to the last, so text typed just outside
 * the range stays outside.
 */
export function anchorQuote(fragment: Y.XmlFragment, quote: string): EncodedAnchor | null {
  const wanted = normalizeQuote(quote);
  if (wanted === '') return null;
  const flat = flatten(fragment);
  const haystack = normalized(flat.value);
  const at = haystack.text.indexOf(wanted);
  if (at < 0) return null;
  const first = haystack.from[at] as number;
  const last = haystack.from[at + wanted.length - 1] as number;
  const startRun = flat.runs.find((run) => first >= run.start && first < run.start + run.length);
  const endRun = flat.runs.find((run) => last >= run.start && last < run.start + run.length);
  if (!startRun || !endRun) return null;
  return {
    start: Y.encodeRelativePosition(
      Y.createRelativePositionFromTypeIndex(startRun.text, first - startRun.start, 0),
    ),
    end: Y.encodeRelativePosition(
      Y.createRelativePositionFromTypeIndex(endRun.text, last + 1 - endRun.start, -1),
    ),
  };
}

/** Where an anchor's range is now. */
export type ResolvedAnchor =
  | { detached: false; text: string; from: number; to: number }
  | { detached: true };

/**
 * The words an anchor covers in the section's current text (`from`/`to` in its flat
 * text), or detached when they were deleted: the range collapsed, or left the section.
 */
export function resolveAnchor(fragment: Y.XmlFragment, anchor: EncodedAnchor): ResolvedAnchor {
  const doc = fragment.doc;
  if (!doc) return { detached: true };
  const flat = flatten(fragment);
  const offsetOf = (encoded: Uint8Array): number | null => {
    let position: Y.AbsolutePosition | null;
    try {
      position = Y.createAbsolutePositionFromRelativePosition(
        Y.decodeRelativePosition(encoded),
        doc,
      );
    } catch {
      // Bytes that do not decode (or name structs this document never had) anchor nowhere.
      return null;
    }
    const run = position && flat.runs.find((r) => r.text === position?.type);
    return run && position ? run.start + position.index : null;
  };
  const from = offsetOf(anchor.start);
  const to = offsetOf(anchor.end);
  if (from === null || to === null || to <= from) return { detached: true };
  return { detached: false, text: flat.value.slice(from, to), from, to };
}

/**
 * The anchor a client proposed (positions it made on its own copy) when it covers
 * exactly the quote, so a quote that occurs twice anchors where the person selected it.
 */
export function checkedAnchor(
  fragment: Y.XmlFragment,
  proposed: EncodedAnchor,
  quote: string,
): EncodedAnchor | null {
  const resolved = resolveAnchor(fragment, proposed);
  if (resolved.detached) return null;
  return normalizeQuote(resolved.text) === normalizeQuote(quote) ? proposed : null;
}

/** One recommendation of a section: a top-level paragraph or list item, with its Yjs id. */
export interface Recommendation {
  /** "<client>-<clock>" of the block's Yjs item: stable while the block lives. */
  id: string;
  text: string;
}

/** The Yjs id of a block, as recommendations name it. */
export function blockId(element: Y.XmlElement): string | null {
  const item = element._item;
  return item ? `${item.id.client}-${item.id.clock}` : null;
}

const LISTS = new Set(['bulletList', 'orderedList']);

/**
 * The section's recommendations as they read now: each top-level paragraph, and each
 * item of a top-level list, that holds text. Headings, tables and quotes are not.
 */
export function sectionRecommendations(fragment: Y.XmlFragment): Recommendation[] {
  const of = (element: Y.XmlElement): Recommendation[] => {
    const id = blockId(element);
    const text = flatten(element).value.trim();
    return id && text ? [{ id, text }] : [];
  };
  return fragment.toArray().flatMap((block) => {
    if (!(block instanceof Y.XmlElement)) return [];
    if (block.nodeName === 'paragraph') return of(block);
    if (!LISTS.has(block.nodeName)) return [];
    return block
      .toArray()
      .filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
      .flatMap(of);
  });
}
