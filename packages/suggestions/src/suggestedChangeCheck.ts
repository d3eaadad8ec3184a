import type { SuggestionAttrs, SuggestionAuthor } from '@plenary/editor';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { withAuthorRejected } from './authorRejection.ts';
import { type MarkAddition, withMarksAdded, withoutMarksWhere } from './markRebuild.ts';
import { isSuggestionMark, readAttrs } from './suggestionList.ts';

/**
 * Whether a change someone made to a section is only their own suggestion, judged on the
 * section before and after it in ProseMirror terms. The server runs it on the changes of
 * everyone the plan asks to suggest, so a crafted update cannot write directly, decide a
 * suggestion, or suggest in someone else's name. Returns null, or why not.
 *
 * The test: every suggestion mark that carries the sender's id carries their name and
 * group; a suggestion mark of anyone else is one the section has held under that id and
 * author (`known`: ids seen in the section before, by their authors); and rejecting every
 * suggestion of the sender gives the same document before and after the change, so
 * whatever the change did is undone by rejecting it (no plain text, no text removed or
 * reformatted without a mark, no suggestion of theirs accepted, nobody else's insertion
 * or block change added or removed).
 *
 * Two things honest editors do at the same moment as others are let through, because Yjs
 * keeps marks as format ranges and a range's end restores the mark its writer saw there:
 * - an insertion ending where the writer still saw an earlier suggestion can put that
 *   suggestion's id back on the next characters after it was decided or withdrawn (the
 *   server's repair carries decisions out on it); such a mark, of an id the section held
 *   before under the same author, does not count as a change. Its end overrides whatever
 *   insertion mark those characters carry: when they had one of the same author's (the
 *   repair or that author's editor gave them a new id at the same moment), the mark is
 *   read as that one, else as none;
 * - a deletion's range ends where its writer saw it end: two people suggesting deletions
 *   of overlapping text cut each other's range short, and a writer who still saw someone
 *   else's deletion over the next characters puts it back there. Another person's
 *   deletion marks (of ids the section holds) are therefore not compared; their
 *   insertions and block changes are.
 * Text someone else typed inside the sender's range at the same moment keeps its own
 * marks, and a mark of the sender's that Yjs extends over it goes when rejecting.
 *
 * `present` is the ids `before` holds; a caller judging a part of the changed blocks at a
 * time passes those of all of them, so that each part reads as it would in the whole.
 *
 * The work follows the size of the blocks judged, however many suggestions they hold:
 * marks are taken off and put on in one walk (`markRebuild.ts`), and the sender's
 * suggestions rejected as `withAuthorRejected` does.
 */
export function suggestedChangeProblem(
  before: ProseMirrorNode,
  after: ProseMirrorNode,
  sender: SuggestionAuthor,
  known: ReadonlyMap<string, string> = authorsById(before),
  present: ReadonlyMap<string, string> = authorsById(before),
): string | null {
  const forged = findSuggestionMark(after, (attrs) => {
    const holder = present.get(attrs.id) ?? known.get(attrs.id);
    if (attrs.authorId === sender.id) {
      return (
        attrs.authorName !== sender.name ||
        attrs.groupId !== sender.groupId ||
        (holder !== undefined && holder !== sender.id)
      );
    }
    return holder !== attrs.authorId;
  });
  if (forged) {
    if (forged.authorId !== sender.id) {
      return `the change adds a suggestion in the name of "${forged.authorName.slice(0, 40)}"`;
    }
    // One id is one suggestion, decided as one: text of the sender's under someone else's
    // id would go in when the reviewer accepts theirs.
    return forged.authorName !== sender.name || forged.groupId !== sender.groupId
      ? 'a suggestion in your name must carry your name and group'
      : "the change reuses the id of someone else's suggestion";
  }
  const withoutSender = (doc: ProseMirrorNode) => withAuthorRejected(doc, sender.id);
  const was = withoutSender(before);
  // Ids back from the past (see above) are read as the text they landed on.
  const is = withoutMarks(asLandedOn(withoutSender(after), was, present), (attrs) => {
    return !present.has(attrs.id);
  });
  const isDeletion = (_attrs: SuggestionAttrs, name: string) => name === 'deletion';
  const directly =
    'in this phase your changes must be suggestions: the update changes the text directly or decides a suggestion';
  return withoutMarks(was, isDeletion).eq(withoutMarks(is, isDeletion)) ? null : directly;
}
/** Every suggestion id in a section, with its author's id. */
export function authorsById(doc: ProseMirrorNode): Map<string, string> {
  const authors = new Map<string, string>();
  findSuggestionMark(doc, (attrs) => {
    authors.set(attrs.id, attrs.authorId);
    return false;
  });
  return authors;
}

// The first suggestion mark (on a block or on text) that `matches`, in document order.
function findSuggestionMark(
  doc: ProseMirrorNode,
  matches: (attrs: SuggestionAttrs) => boolean,
): SuggestionAttrs | null {
  let found: SuggestionAttrs | null = null;
  doc.descendants((node) => {
    if (found) return false;
    for (const mark of node.marks) {
      if (!isSuggestionMark(mark)) continue;
      const attrs = readAttrs(mark);
      if (matches(attrs)) {
        found = attrs;
        return false;
      }
    }
    return true;
  });
  return found;
}

// `after` with each insertion mark of an id absent from `present` (one back from the past)
// replaced by the insertion `before` has at the same positions, when that one is of the
// same author. Honest, the two documents line up: rejecting the sender's suggestions took
// their text out, and what else differs is marks. When they do not, the comparison fails.
function asLandedOn(
  after: ProseMirrorNode,
  before: ProseMirrorNode,
  present: ReadonlyMap<string, string>,
): ProseMirrorNode {
  const additions: MarkAddition[] = [];
  after.descendants((node, pos) => {
    if (!node.isText) return true;
    const returned = node.marks.find(
      (mark) => mark.type.name === 'insertion' && !present.has(readAttrs(mark).id),
    );
    if (!returned) return false;
    const end = Math.min(pos + node.nodeSize, before.content.size);
    if (pos >= end) return false;
    before.nodesBetween(pos, end, (under, at) => {
      if (!under.isText) return true;
      const landedOn = under.marks.find((mark) => mark.type.name === 'insertion');
      if (landedOn && readAttrs(landedOn).authorId === readAttrs(returned).authorId) {
        additions.push({
          from: Math.max(pos, at),
          to: Math.min(end, at + under.nodeSize),
          mark: landedOn,
        });
      }
      return false;
    });
    return false;
  });
  return withMarksAdded(after, additions);
}

// The document without the suggestion marks that `drop` picks; equal text then compares
// equal (neighbouring text nodes with the same marks are joined).
function withoutMarks(
  doc: ProseMirrorNode,
  drop: (attrs: SuggestionAttrs, name: string) => boolean,
): ProseMirrorNode {
  return withoutMarksWhere(
    doc,
    (mark) => isSuggestionMark(mark) && drop(readAttrs(mark), mark.type.name),
  );
}
