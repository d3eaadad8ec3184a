import { SUGGESTION_MARKER } from '@handlewithcare/prosemirror-suggest-changes';
import { SUGGESTION_MARK_NAMES, type SuggestionAttrs } from '@plenary/editor';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';

/**
 * What a suggestion does: inserts or deletes text, replaces text (both, one id), or
 * changes structure (splits, joins, whole blocks, block types, lists).
 */
export type SuggestionKind = 'insert' | 'delete' | 'replace' | 'structure';

/** A pending suggestion as the review panel and the decision log show it. */
export interface Suggestion extends SuggestionAttrs {
  kind: SuggestionKind;
  /** The text it would add, blocks separated by newlines. */
  insertedText: string;
  /** The text it would remove, blocks separated by newlines. */
  deletedText: string;
  /** Where it starts in the section, for ordering and scrolling to it. */
  from: number;
}

/** True for the marks that make a suggestion (insertion, deletion, modification). */
export const isSuggestionMark = (mark: Mark): boolean =>
  (SUGGESTION_MARK_NAMES as readonly string[]).includes(mark.type.name);

/** A suggestion mark's attributes, read defensively (a mark from Yjs may lack some). */
export function readAttrs(mark: Mark): SuggestionAttrs {
  const { id, authorId, authorName, groupId, at } = mark.attrs;
  return {
    id: String(id),
    authorId: String(authorId ?? ''),
    authorName: String(authorName ?? ''),
    groupId: typeof groupId === 'string' ? groupId : null,
    at: typeof at === 'number' ? at : 0,
  };
}

interface Collected {
  suggestion: Suggestion;
  structural: boolean;
  // The textblock that the last piece of text came from, to put newlines between blocks.
  lastBlock: { inserted: number; deleted: number };
}

/** Every pending suggestion of a section, in document order. */
export function listSuggestions(doc: ProseMirrorNode): Suggestion[] {
  const byId = new Map<string, Collected>();
  const collect = (mark: Mark, pos: number): Collected => {
    const attrs = readAttrs(mark);
    let entry = byId.get(attrs.id);
    if (!entry) {
      entry = {
        suggestion: { ...attrs, kind: 'insert', insertedText: '', deletedText: '', from: pos },
        structural: false,
        lastBlock: { inserted: -1, deleted: -1 },
      };
      byId.set(attrs.id, entry);
    }
    return entry;
  };
  const addText = (entry: Collected, side: 'inserted' | 'deleted', text: string, block: number) => {
    const clean = text.split(SUGGESTION_MARKER).join('');
    if (text !== clean) entry.structural = true;
    const key = side === 'inserted' ? 'insertedText' : 'deletedText';
    const separator = entry.suggestion[key] && entry.lastBlock[side] !== block && clean ? '\n' : '';
    entry.suggestion[key] += separator + clean;
    if (clean) entry.lastBlock[side] = block;
  };
  doc.descendants((node, pos) => {
    for (const mark of node.marks.filter(isSuggestionMark)) {
      const entry = collect(mark, pos);
      if (!node.isInline || mark.type.name === 'modification') entry.structural = true;
      const side =
        mark.type.name === 'insertion'
          ? 'inserted'
          : mark.type.name === 'deletion'
            ? 'deleted'
            : null;
      if (!side) continue;
      const block = node.isInline ? doc.resolve(pos).start() : pos;
      addText(entry, side, node.isText ? (node.text ?? '') : node.textContent, block);
    }
    return true;
  });
  return [...byId.values()].map(({ suggestion, structural }) => ({
    ...suggestion,
    kind: structural
      ? 'structure'
      : suggestion.insertedText && suggestion.deletedText
        ? 'replace'
        : suggestion.deletedText
          ? 'delete'
          : 'insert',
  }));
}
