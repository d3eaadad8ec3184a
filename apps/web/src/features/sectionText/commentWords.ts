/**
 * Where a comment's words are in a section's text, for the reader: the thread's two Yjs
 * relative positions (see @plenary/editor's commentAnchors.ts) resolved to the Yjs ids of
 * the characters between them, possibly across blocks. Ids, as for new text on the
 * projector: the reader draws text run by run, each run knowing the id of its first
 * character, so a run is cut wherever a comment's characters start or end.
 */
import * as Y from 'yjs';
import type { SectionBlock } from './sectionTree.ts';

/** A thread's words as the text is asked to show them. */
export interface CommentWords {
  threadId: string;
  /** Before the first commented character. */
  start: Y.RelativePosition;
  /** After the last commented character. */
  end: Y.RelativePosition;
  /** What the marker after the words shows (the thread's number beside the text). */
  count: number;
}

/** Characters `from` to `to` (exclusive) of one Yjs client's clock. */
export interface CharacterIds {
  client: number;
  from: number;
  to: number;
}

/** A thread's words in one block: their characters, and whether its marker goes here. */
export interface BlockComment {
  threadId: string;
  count: number;
  characters: CharacterIds[];
  /** The last commented character, after which the marker goes; null in earlier blocks. */
  last: { client: number; clock: number } | null;
}

/** A Y.XmlText of the section, in reading order, and the block it is in. */
interface SectionText {
  text: Y.XmlText;
  block: SectionBlock;
}

/** The section's texts in reading order (deleted ones are not there). */
function textsOf(fragment: Y.XmlFragment): SectionText[] {
  const texts: SectionText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement, block: SectionBlock | null) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && block) texts.push({ text: child, block });
      else if (child instanceof Y.XmlElement) walk(child, block ?? child);
    }
  };
  walk(fragment, null);
  return texts;
}

/** Where `position` is now: a text of the section and a character index in it. */
function place(
  doc: Y.Doc,
  texts: readonly SectionText[],
  position: Y.RelativePosition,
): { at: number; index: number } | null {
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  } catch {
    // A position naming structs this document never had anchors nowhere.
    return null;
  }
  const at = texts.findIndex(({ text }) => text === absolute?.type);
  return absolute && at >= 0 ? { at, index: absolute.index } : null;
}

/**
 * The characters of `text` from index `from` to `to` (as Yjs counts them: embeds count
 * one, formatting attributes none), as ranges of ids.
 */
function charactersOf(text: Y.XmlText, from: number, to: number): CharacterIds[] {
  const characters: CharacterIds[] = [];
  let index = 0;
  for (let item = text._start; item !== null && index < to; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const start = Math.max(from - index, 0);
    const end = Math.min(to - index, item.length);
    if (item.content instanceof Y.ContentString && start < end)
      characters.push({
        client: item.id.client,
        from: item.id.clock + start,
        to: item.id.clock + end,
      });
    index += item.length;
  }
  return characters;
}

/** One thread's words, block by block; empty when they are gone. */
function resolve(
  doc: Y.Doc,
  texts: readonly SectionText[],
  words: CommentWords,
): Map<SectionBlock, BlockComment> {
  const byBlock = new Map<SectionBlock, BlockComment>();
  const start = place(doc, texts, words.start);
  const end = place(doc, texts, words.end);
  if (!start || !end) return byBlock;
  let last: BlockComment | null = null;
  for (let at = start.at; at <= end.at; at++) {
    const { text, block } = texts[at] as SectionText;
    const from = at === start.at ? start.index : 0;
    const to = at === end.at ? end.index : text.length;
    const characters = charactersOf(text, from, to);
    if (characters.length === 0) continue;
    const shown = byBlock.get(block) ?? {
      threadId: words.threadId,
      count: words.count,
      characters: [],
      last: null,
    };
    shown.characters.push(...characters);
    byBlock.set(block, shown);
    last = shown;
  }
  const final = last?.characters[last.characters.length - 1];
  if (last && final) last.last = { client: final.client, clock: final.to - 1 };
  return byBlock;
}

/**
 * The words of each thread in the section's text now, by block; a thread whose words
 * were deleted (its range collapsed or left the section) shows nowhere.
 */
export function commentsByBlock(
  fragment: Y.XmlFragment,
  threads: readonly CommentWords[],
): Map<SectionBlock, BlockComment[]> {
  const byBlock = new Map<SectionBlock, BlockComment[]>();
  const doc = fragment.doc;
  if (!doc || threads.length === 0) return byBlock;
  const texts = textsOf(fragment);
  for (const words of threads) {
    for (const [block, comment] of resolve(doc, texts, words)) {
      byBlock.set(block, [...(byBlock.get(block) ?? []), comment]);
    }
  }
  return byBlock;
}
