import type { SuggestionAuthor } from '@plenary/editor';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { type MarkAddition, withMarksAdded } from './markRebuild.ts';
import { chunksOf, textsOf } from './textChunks.ts';

/**
 * Someone typing on at the end of their own pending suggestion extends it: their editor
 * writes the new characters with no mark of their own, since they continue the one
 * before. If the reviewer accepts that suggestion at the same moment, the new characters
 * reach the server as plain text (the server's repair then makes them a suggestion of
 * their author's). This marks such text in `section` (the ProseMirror reading of
 * `blocks`) as the sender's insertion, so the check reads it as what its author meant.
 *
 * Such text is new (created since `stateBefore`), carries no insertion, has no
 * insertion boundary of its own, and was typed right after an item of the same Yjs
 * client (the sender's: the relay lets no one write under another's client id).
 */
export function markTypedOn(
  section: ProseMirrorNode,
  blocks: readonly Y.XmlElement[],
  stateBefore: ReadonlyMap<number, number>,
  sender: SuggestionAuthor,
): ProseMirrorNode {
  const insertion = section.type.schema.marks.insertion;
  if (!insertion) return section;
  const mark = insertion.create({
    id: 'typed-on',
    authorId: sender.id,
    authorName: sender.name,
    groupId: sender.groupId,
  });
  const additions: MarkAddition[] = [];
  let blockStart = 0;
  for (const [i, block] of blocks.entries()) {
    const node = section.maybeChild(i);
    if (!node) break;
    for (const text of textsOf(block)) {
      for (const chunk of chunksOf(text)) {
        const typedOn =
          !chunk.insertion &&
          !chunk.ownInsertionBoundary &&
          chunk.clock >= (stateBefore.get(chunk.client) ?? 0) &&
          chunk.origin?.client === chunk.client;
        if (!typedOn) continue;
        const at = textStart(node, block, text);
        if (at === null) continue;
        const from = blockStart + at + chunk.index;
        additions.push({ from, to: from + chunk.length, mark });
      }
    }
    blockStart += node.nodeSize;
  }
  return withMarksAdded(section, additions);
}

// Where `text`'s first character is in `node` (the reading of `block`, counted from the
// position before `node`): elements map to nodes one to one, and a textblock's Yjs texts
// follow one another. Null when the two do not line up (a node the reading dropped).
function textStart(node: ProseMirrorNode, block: Y.XmlElement, text: Y.XmlText): number | null {
  const path: Array<Y.XmlElement | Y.XmlText> = [];
  for (let type: Y.XmlElement | Y.XmlText = text; type !== block; ) {
    path.unshift(type);
    const parent: unknown = type._item?.parent;
    if (!(parent instanceof Y.XmlElement)) return null;
    type = parent;
  }
  let pos = 0;
  let current = node;
  let parent = block;
  for (const step of path) {
    // Inside `current`: its content starts one position after it.
    let offset = pos + 1;
    for (const sibling of parent.toArray()) {
      if (sibling === step) break;
      // An inline node (a hard break) inside a textblock is one position.
      offset += sibling instanceof Y.XmlText ? sibling.length : 1;
    }
    if (step instanceof Y.XmlText) return offset;
    const index = parent.toArray().indexOf(step);
    const child = current.maybeChild(index);
    if (!child) return null;
    pos += 1;
    for (let k = 0; k < index; k++) pos += current.child(k).nodeSize;
    current = child;
    parent = step;
  }
  return null;
}
