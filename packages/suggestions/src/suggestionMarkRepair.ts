import { SUGGESTION_FORMAT, type SuggestionAttrs, type SuggestionAuthor } from '@plenary/editor';
import { randomId } from '@plenary/model';
import * as Y from 'yjs';
import { keepClustersWhole } from './clusterRepair.ts';
import { type Chunk, chunksOf, textsOf } from './textChunks.ts';

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
  /**
   * For an insertion: the Yjs items its text was when decided, and its author. Text its
   * author typed on at its end at that moment has no format boundary of its own (it
   * extended the suggestion), so once the suggestion's mark is gone only this tells it
   * was typed as part of a suggestion.
   */
  inserted?: { items: readonly ItemRange[]; author: SuggestionAuthor };
}

/** A run of one client's consecutive Yjs items: clocks `clock` to `clock + length - 1`. */
export interface ItemRange {
  client: number;
  clock: number;
  length: number;
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

/**
 * What to do with a chunk: unmark it, give it an insertion of its own by `author`, or a
 * deletion of its own by `deletedBy`.
 */
type Repair = {
  drop: Array<typeof SUGGESTION_FORMAT.insertion | typeof SUGGESTION_FORMAT.deletion>;
  author: SuggestionAuthor | null;
  deletedBy?: SuggestionAuthor;
};

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
      if (inserted === 'accept') attrs[SUGGESTION_FORMAT.insertion] = null;
      if (deleted === 'reject') attrs[SUGGESTION_FORMAT.deletion] = null;
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
//   unless its author struck it through after the decision, unaware of it (deleting next
//   to their own suggestion continues it, under its id): a new deletion of theirs;
// - an insertion on text created after the decision: typed at the same moment, the
//   reviewer never saw it; it stays a suggestion, a new one, of whoever typed it (of the
//   mark's author when the typist is unknown);
// - an accepted insertion on text that existed then but was not part of it (its author's
//   own text joined to it at that moment, say their earlier suggestion merged into it as
//   they deleted between the two): the reviewer never saw it as part of it; it stays a
//   suggestion, a new one, as above;
// - an accepted insertion on text that was part of it then: it was decided; its text is
//   plain;
// - a rejected insertion on text that existed then: rejecting deleted the suggestion's
//   text, so this was not part of it; it is a suggestion of whoever typed it, or original
//   text when no participant did.
// - a pending deletion on text its author never saw (created after what the deletion's
//   format item says its writer knew): typed inside the struck-through text, or where it
//   ends, at the same moment. Nobody suggested deleting it: unmark it.
// - a pending deletion on its own author's pending insertion: an editor deletes one's own
//   suggested text outright, so this came from a boundary moved by changes made at the
//   same moment (the one that switches a deletion back on after text the repair unmarked
//   can come to stand before the author's own suggestion): unmark it.
function repairOf(chunk: Chunk, context: RepairContext, accepted: AcceptedText): Repair | null {
  const continued = !chunk.insertion && continuationOf(chunk, accepted);
  if (continued) return { drop: [], author: continued };
  const drop: Repair['drop'] = [];
  let deletedBy: SuggestionAuthor | undefined;
  const deletion = chunk.deletion;
  const deletionDecided = deletion && context.decided.get(deletion.id);
  if (deletion && deletionDecided && deletedAfterDecision(chunk, deletionDecided)) {
    deletedBy = authorOf(deletion);
  } else if (
    deletion &&
    (deletionDecided || unseenByDeletion(chunk) || deletesOwnInsertion(chunk, deletion))
  ) {
    drop.push(SUGGESTION_FORMAT.deletion);
  }
  const insertion = chunk.insertion;
  const decided = insertion && context.decided.get(insertion.id);
  if (!insertion || !decided) {
    return drop.length > 0 || deletedBy ? { drop, author: null, deletedBy } : null;
  }
  const typist = context.authorOfClient(chunk.client);
  const seen = !decided.seen || chunk.clock < (decided.seen.get(chunk.client) ?? 0);
  if (!seen || (decided.action === 'accept' && joinedAfterwards(chunk, decided))) {
    return { drop, author: typist ?? authorOf(insertion), deletedBy };
  }
  if (decided.action === 'reject' && typist) return { drop, author: typist, deletedBy };
  return { drop: [...drop, SUGGESTION_FORMAT.insertion], author: null, deletedBy };
}

const authorOf = (mark: SuggestionAttrs): SuggestionAuthor => ({
  id: mark.authorId,
  name: mark.authorName,
  groupId: mark.groupId,
});

// Written by a person's editor (it says what they had seen) after the decision was made.
function deletedAfterDecision(chunk: Chunk, decided: DecidedSuggestion): boolean {
  const at = chunk.deletionSetAt;
  if (!at || !chunk.deletionSeen || !decided.seen) return false;
  return at.clock >= (decided.seen.get(at.client) ?? 0);
}

// Text of the suggestion's own Yjs client that was not among its text when it was decided.
// (Text of other clients under its mark then was original text or someone else's, which a
// shifted format boundary put there: accepting leaves it plain.)
function joinedAfterwards(chunk: Chunk, decided: DecidedSuggestion): boolean {
  const items = decided.inserted?.items;
  if (!items?.some((range) => range.client === chunk.client)) return false;
  return !items.some(
    (range) =>
      range.client === chunk.client &&
      chunk.clock >= range.clock &&
      chunk.clock < range.clock + range.length,
  );
}

function deletesOwnInsertion(chunk: Chunk, deletion: SuggestionAttrs): boolean {
  return chunk.insertion !== undefined && chunk.insertion.authorId === deletion.authorId;
}

function unseenByDeletion(chunk: Chunk): boolean {
  const seen = chunk.deletionSeen;
  return seen !== undefined && chunk.clock >= (seen[chunk.client] ?? 0);
}

// - unmarked text that the author of an accepted insertion typed on at its end at that
//   moment (after the suggestion's last character, by the same Yjs client, unseen by the
//   decision): it extended the suggestion, so it stays a suggestion, a new one, of its
//   author. (Typed in Editing mode while the suggestion still showed, it carries a "no
//   insertion" boundary of its own and stays plain. Typed in Editing mode right after
//   seeing the acceptance it has none, and Yjs cannot tell it from the first case: it
//   becomes a suggestion, which its author can accept; never text accepted unseen.)
function continuationOf(chunk: Chunk, accepted: AcceptedText): SuggestionAuthor | null {
  const { origin } = chunk;
  if (!origin || origin.client !== chunk.client) return null;
  // Its own "no insertion" boundary: typed as plain text on purpose.
  if (chunk.ownInsertionBoundary) return null;
  for (const { range, seen, author } of accepted.get(chunk.client) ?? []) {
    if (chunk.clock < (seen.get(chunk.client) ?? 0)) continue;
    if (origin.clock >= range.clock && origin.clock < range.clock + range.length) return author;
  }
  return null;
}

/** The accepted insertions' text, by the Yjs client that typed it: built once per repair. */
type AcceptedText = Map<
  number,
  { range: ItemRange; seen: ReadonlyMap<number, number>; author: SuggestionAuthor }[]
>;

function acceptedTextOf(context: RepairContext): AcceptedText {
  const accepted: AcceptedText = new Map();
  for (const { action, seen, inserted } of context.decided.values()) {
    if (action !== 'accept' || !seen || !inserted) continue;
    for (const range of inserted.items) {
      const ofClient = accepted.get(range.client) ?? [];
      ofClient.push({ range, seen, author: inserted.author });
      accepted.set(range.client, ofClient);
    }
  }
  return accepted;
}

// Yjs merges one client's consecutive characters into one item: part of it may have
// been typed before a decision, or before a deletion was suggested over it, and part after.
function splitAtWhatWasSeen(chunk: Chunk, context: RepairContext, accepted: AcceptedText): Chunk[] {
  const decision = chunk.insertion && context.decided.get(chunk.insertion.id);
  const decisionSeen = decision ? decision.seen : continuationSeen(chunk, accepted);
  // Where the decided suggestion's own text starts and ends inside this item.
  const ownText = (decision ? decision.inserted?.items : undefined) ?? [];
  const cuts = [
    decisionSeen?.get(chunk.client),
    chunk.deletionSeen?.[chunk.client],
    ...ownText
      .filter((range) => range.client === chunk.client)
      .flatMap((range) => [range.clock, range.clock + range.length]),
  ]
    .flatMap((clock) => (clock === undefined ? [] : [clock - chunk.clock]))
    .filter((at) => at > 0 && at < chunk.length)
    .sort((a, b) => a - b);
  const pieces: Chunk[] = [];
  let start = 0;
  for (const end of [...new Set(cuts), chunk.length]) {
    pieces.push({
      ...chunk,
      index: chunk.index + start,
      clock: chunk.clock + start,
      origin: start === 0 ? chunk.origin : Y.createID(chunk.client, chunk.clock + start - 1),
      length: end - start,
    });
    start = end;
  }
  return pieces;
}

// The decision an unmarked chunk may have continued past: the accepted insertion whose
// text the chunk's own client typed (its split point is that decision's state).
function continuationSeen(chunk: Chunk, accepted: AcceptedText) {
  return accepted.get(chunk.client)?.[0]?.seen;
}

/**
 * What the repair must remember of a decision about to be made on `ids` in this section:
 * the state the reviewer saw and, for insertions, their text's items and author. Call it
 * before deciding, in the same transaction.
 */
export function decisionRecords(
  fragment: Y.XmlFragment,
  ids: ReadonlySet<string>,
  action: DecidedAction,
): Map<string, DecidedSuggestion> {
  const doc = fragment.doc;
  const seen = doc ? Y.decodeStateVector(Y.encodeStateVector(doc)) : new Map<number, number>();
  const records = new Map<string, DecidedSuggestion>();
  for (const id of ids) records.set(id, { action, seen });
  for (const text of textsOf(fragment)) {
    for (const chunk of chunksOf(text)) {
      const mark = chunk.insertion;
      const record = mark && records.get(mark.id);
      if (!mark || !record) continue;
      const { client, clock, length } = chunk;
      const author = authorOf(mark);
      const items = [...(record.inserted?.items ?? []), { client, clock, length }];
      records.set(mark.id, { ...record, inserted: { items, author } });
    }
  }
  return records;
}

/**
 * Keeps a section's suggestion marks true after changes made at the same moment: carries
 * the server's decisions out on whatever the section still shows of them, so a decided
 * suggestion id is never pending again; gives text that a decided suggestion's mark took
 * over back to the person who typed it; takes a pending deletion off text its author
 * never saw; and keeps every grapheme cluster under one set of marks (clusterRepair.ts).
 * Deterministic in what it keeps or removes, and idempotent: once nothing is left to
 * repair it changes nothing. Returns how many stretches of text it changed. With `texts`,
 * only those paragraphs of the section are repaired (see `textsToRepair`): each
 * paragraph's repair depends on its own text and the decisions alone.
 */
export function repairSuggestionMarks(
  fragment: Y.XmlFragment,
  context: RepairContext,
  origin: unknown = null,
  texts: readonly Y.XmlText[] = textsOf(fragment),
): number {
  const accepted = acceptedTextOf(context);
  const repairs: Array<{ chunk: Chunk; repair: Repair }> = [];
  for (const text of texts) {
    for (const chunk of chunksOf(text).flatMap((c) => splitAtWhatWasSeen(c, context, accepted))) {
      const repair = repairOf(chunk, context, accepted);
      if (repair) repairs.push({ chunk, repair });
    }
  }
  const doc = fragment.doc;
  if (!doc) return 0;
  const newId = context.newId ?? (() => randomId());
  const now = context.now ?? (() => Date.now());
  // Neighbouring characters one person typed into the same leftover are one suggestion.
  const started = new Map<string, SuggestionAttrs>();
  let rewritten = 0;
  const suggestionOf = (was: SuggestionAttrs | undefined, author: SuggestionAuthor) => {
    const key = `${was?.id}\u0000${author.id}`;
    const own = started.get(key) ?? {
      id: newId(),
      authorId: author.id,
      authorName: author.name,
      groupId: author.groupId,
      at: now(),
    };
    started.set(key, own);
    return own;
  };
  doc.transact(() => {
    for (const { chunk, repair } of repairs) {
      const attrs: Record<string, unknown> = {};
      for (const name of repair.drop) attrs[name] = null;
      if (repair.author)
        attrs[SUGGESTION_FORMAT.insertion] = suggestionOf(chunk.insertion, repair.author);
      if (repair.deletedBy)
        attrs[SUGGESTION_FORMAT.deletion] = suggestionOf(chunk.deletion, repair.deletedBy);
      chunk.text.format(chunk.index, chunk.length, attrs);
    }
    rewritten = keepClustersWhole(fragment, texts);
  }, origin);
  return repairs.length + rewritten;
}
