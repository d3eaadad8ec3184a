import { randomId } from '@plenary/model';
import * as Y from 'yjs';
import type { SuggestionAttrs, SuggestionAuthor } from './suggestionMarks.ts';

/** What the server decided about a suggestion id. */
export type DecidedAction = 'accept' | 'reject';

/** A decision the server made, as the repair needs it. */
export interface DecidedSuggestion {
  action: DecidedAction;
  /**
   * The document's state vector when the decision was made (client id to clock): text
   * created after it was never seen by the reviewer. Unknown (e.g. after a restart), all
   * text counts as seen.
   */
  seen?: ReadonlyMap<number, number>;
}

/** What the repair needs to know beside the section. */
export interface RepairContext {
  /** Every suggestion id the server has decided, and how. Ids are never reused. */
  decided: ReadonlyMap<string, DecidedSuggestion>;
  /** Who typed with a Yjs client id (the server credits each id to a participant). */
  authorOfClient: (clientId: number) => SuggestionAuthor | null;
  /** The id of a suggestion the repair has to start (random by default). */
  newId?: () => string;
  /** The clock stamped on such a suggestion. */
  now?: () => number;
}

/** One stretch of text in a Yjs text, with the creator of its items and its two marks. */
interface Chunk {
  text: Y.XmlText;
  index: number;
  length: number;
  client: number;
  clock: number;
  insertion: SuggestionAttrs | undefined;
  deletion: SuggestionAttrs | undefined;
}

/** What to do with a chunk: unmark it, or give it an insertion of its own by `author`. */
type Repair = { drop: Array<'insertion' | 'deletion'>; author: SuggestionAuthor | null };

// Yjs keeps marks as format items in the text: each sets an attribute for the characters
// after it until the next. Walking the items gives every character's marks and the client
// that created it, which is what the repair decides on.
function chunksOf(text: Y.XmlText): Chunk[] {
  const chunks: Chunk[] = [];
  const attrs = new Map<string, unknown>();
  let index = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      if (value === null) attrs.delete(key);
      else attrs.set(key, value);
    } else if (item.countable) {
      chunks.push({
        text,
        index,
        length: item.length,
        client: item.id.client,
        clock: item.id.clock,
        insertion: attrs.get('insertion') as SuggestionAttrs | undefined,
        deletion: attrs.get('deletion') as SuggestionAttrs | undefined,
      });
      index += item.length;
    }
  }
  return chunks;
}

function textsOf(parent: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return parent.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText) return [child];
    if (child instanceof Y.XmlElement) return textsOf(child);
    return [];
  });
}

/**
 * Carries out decisions on the suggestion marks of a section's text, item by item: a
 * character leaves only when its insertion is rejected or its deletion accepted, and
 * otherwise only the decided mark is removed. Call it inside a transaction. Everything
 * else keeps its Yjs items and format boundaries, so text typed at the same moment next
 * to or inside a decided suggestion stays where and as it was typed (writing the decided
 * document back as a text diff may re-create a neighbour's characters or boundaries).
 */
export function decideTextMarks(
  fragment: Y.XmlFragment,
  decided: ReadonlyMap<string, DecidedAction>,
): void {
  for (const text of textsOf(fragment)) {
    const chunks = chunksOf(text);
    // From the end, so the indexes of the chunks still to do stay valid.
    for (const chunk of chunks.reverse()) {
      const inserted = chunk.insertion && decided.get(chunk.insertion.id);
      const deleted = chunk.deletion && decided.get(chunk.deletion.id);
      if (inserted === 'reject' || deleted === 'accept') {
        text.delete(chunk.index, chunk.length);
        continue;
      }
      const attrs: Record<string, null> = {};
      if (inserted === 'accept') attrs.insertion = null;
      if (deleted === 'reject') attrs.deletion = null;
      if (Object.keys(attrs).length > 0) text.format(chunk.index, chunk.length, attrs);
    }
  }
}

// A decided suggestion's mark can be left on text the decision never saw or meant: text
// typed inside or beside it at the same moment takes the mark across a Yjs format
// boundary (or by extending its author's own suggestion), and a boundary after such text
// can switch the mark back on over the decided text. What each leftover means:
// - a decided deletion: accepting removed every character it covered and rejecting
//   unmarked them, so a character still struck through is new, or was unmarked: unmark it;
// - an insertion on text created after the decision: typed at the same moment, the
//   reviewer never saw it; it stays a suggestion, a new one, of whoever typed it (of the
//   mark's author when the typist is unknown);
// - an accepted insertion on text that existed then: it was decided; its text is plain;
// - a rejected insertion on text that existed then: rejecting deleted the suggestion's
//   text, so this was not part of it; it is a suggestion of whoever typed it, or original
//   text when no participant did.
function repairOf(chunk: Chunk, context: RepairContext): Repair | null {
  const drop: Repair['drop'] = [];
  if (chunk.deletion && context.decided.has(chunk.deletion.id)) drop.push('deletion');
  const insertion = chunk.insertion;
  const decided = insertion && context.decided.get(insertion.id);
  if (!insertion || !decided) return drop.length > 0 ? { drop, author: null } : null;
  const typist = context.authorOfClient(chunk.client);
  const seen = !decided.seen || chunk.clock < (decided.seen.get(chunk.client) ?? 0);
  if (!seen) {
    const { authorId: id, authorName: name, groupId } = insertion;
    return { drop, author: typist ?? { id, name, groupId } };
  }
  if (decided.action === 'reject' && typist) return { drop, author: typist };
  return { drop: [...drop, 'insertion'], author: null };
}

// Yjs merges one client's consecutive characters into one item: part of it may have
// been typed before a decision and part after.
function splitAtDecision(chunk: Chunk, context: RepairContext): Chunk[] {
  const seen = chunk.insertion && context.decided.get(chunk.insertion.id)?.seen;
  const before = (seen?.get(chunk.client) ?? 0) - chunk.clock;
  if (!seen || before <= 0 || before >= chunk.length) return [chunk];
  return [
    { ...chunk, length: before },
    {
      ...chunk,
      index: chunk.index + before,
      clock: chunk.clock + before,
      length: chunk.length - before,
    },
  ];
}

/**
 * Carries the server's decisions out on whatever a section still shows of them, so a
 * decided suggestion id is never pending again, and gives text that a decided suggestion's
 * mark took over back to the person who typed it. Deterministic in what it keeps or
 * removes, and idempotent: once no mark names a decided id it changes nothing. Returns
 * how many stretches of text it changed.
 */
export function repairDecidedSuggestions(
  fragment: Y.XmlFragment,
  context: RepairContext,
  origin: unknown = null,
): number {
  if (context.decided.size === 0) return 0;
  const repairs: Array<{ chunk: Chunk; repair: Repair }> = [];
  for (const text of textsOf(fragment)) {
    for (const chunk of chunksOf(text).flatMap((c) => splitAtDecision(c, context))) {
      const repair = repairOf(chunk, context);
      if (repair) repairs.push({ chunk, repair });
    }
  }
  const doc = fragment.doc;
  if (repairs.length === 0 || !doc) return 0;
  const newId = context.newId ?? (() => randomId());
  const now = context.now ?? (() => Date.now());
  // Neighbouring characters one person typed into the same leftover are one suggestion.
  const started = new Map<string, SuggestionAttrs>();
  doc.transact(() => {
    for (const { chunk, repair } of repairs) {
      const attrs: Record<string, unknown> = {};
      for (const name of repair.drop) attrs[name] = null;
      if (repair.author) {
        const key = `${chunk.insertion?.id}\u0000${repair.author.id}`;
        const own = started.get(key) ?? {
          id: newId(),
          authorId: repair.author.id,
          authorName: repair.author.name,
          groupId: repair.author.groupId,
          at: now(),
        };
        started.set(key, own);
        attrs.insertion = own;
      }
      chunk.text.format(chunk.index, chunk.length, attrs);
    }
  }, origin);
  return repairs.length;
}
