import { SEEN_KEY, SUGGESTION_FORMAT, type SuggestionAttrs } from '@plenary/editor';
import * as Y from 'yjs';

/** One stretch of text in a Yjs text, with the creator of its items and its two marks. */
export interface Chunk {
  text: Y.XmlText;
  index: number;
  length: number;
  client: number;
  clock: number;
  /** The item the chunk's first character was typed after (its Yjs left origin). */
  origin: Y.ID | null;
  /**
   * Whether it was typed with an `insertion` boundary of its own: a format item right
   * before it, written by the same client in the same change (its clocks come just
   * before the text's).
   */
  ownInsertionBoundary: boolean;
  insertion: SuggestionAttrs | undefined;
  deletion: SuggestionAttrs | undefined;
  /** What the writer of its deletion mark had seen of the text (see `SEEN_KEY`). */
  deletionSeen: Readonly<Record<string, number>> | undefined;
  /** The format item that set its deletion mark. */
  deletionSetAt: Y.ID | null;
  /** Its characters (an embed counts as one U+FFFC). */
  str: string;
  /** Every attribute in force on it, the suggestion marks included. */
  attributes: Readonly<Record<string, unknown>>;
}

function seenOf(value: unknown): Record<string, number> | undefined {
  const seen = (value as Record<string, unknown> | undefined)?.[SEEN_KEY];
  return seen && typeof seen === 'object' ? (seen as Record<string, number>) : undefined;
}

// Yjs keeps marks as format items in the text: each sets an attribute for the characters
// after it until the next. Walking the items gives every character's marks and the client
// that created it, which is what the repair decides on.
/** The stretches of a Yjs text, each with its creator and its suggestion marks. */
export function chunksOf(text: Y.XmlText): Chunk[] {
  const chunks: Chunk[] = [];
  const attrs = new Map<string, unknown>();
  // The format items since the last character.
  let formats: Y.Item[] = [];
  let deletionSetAt: Y.ID | null = null;
  let index = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      formats.push(item);
      if (key === SUGGESTION_FORMAT.deletion) deletionSetAt = item.id;
      if (value === null) attrs.delete(key);
      else attrs.set(key, value);
    } else if (item.countable) {
      const { client, clock } = item.id;
      const ownInsertionBoundary = formats.some(
        (f) =>
          (f.content as Y.ContentFormat).key === SUGGESTION_FORMAT.insertion &&
          f.id.client === client &&
          f.id.clock < clock &&
          clock - f.id.clock <= formats.length,
      );
      formats = [];
      chunks.push({
        text,
        index,
        length: item.length,
        client,
        clock,
        origin: item.origin,
        ownInsertionBoundary,
        insertion: attrs.get(SUGGESTION_FORMAT.insertion) as SuggestionAttrs | undefined,
        deletion: attrs.get(SUGGESTION_FORMAT.deletion) as SuggestionAttrs | undefined,
        deletionSeen: seenOf(attrs.get(SUGGESTION_FORMAT.deletion)),
        deletionSetAt,
        str:
          item.content instanceof Y.ContentString ? item.content.str : '\ufffc'.repeat(item.length),
        attributes: Object.fromEntries(attrs),
      });
      index += item.length;
    }
  }
  return chunks;
}

/** Every Yjs text inside a fragment or element, in document order. */
export function textsOf(parent: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return parent.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText) return [child];
    if (child instanceof Y.XmlElement) return textsOf(child);
    return [];
  });
}
