import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { planSchema } from './contentExtensions.ts';
import { authorsById, suggestedChangeProblem } from './suggestedChangeCheck.ts';
import type { SuggestionAuthor } from './suggestionMarks.ts';

/** Judges an update once it is applied: null when it is the sender's suggestion, else why not. */
export type SuggestionVerdict = (sender: SuggestionAuthor) => string | null;

/**
 * Checks that a change to a section is only its sender's suggestion (see
 * `suggestedChangeProblem`), for a server that applies an update and may then take it
 * back. Call `before` with the section just before applying the update and the verdict
 * it returns just after.
 *
 * Reading a section as a ProseMirror document costs time in proportion to its size, so
 * the guard keeps the section as it was last checked and reads it again only when
 * something else (an unchecked update, a server change) has changed it since.
 */
export class SuggestionGuard {
  private readonly watched = new WeakSet<Y.Doc>();
  private readonly lastChecked = new WeakMap<Y.XmlFragment, ProseMirrorNode>();
  /** Per section, every suggestion id it was seen to hold, by author (see `known`). */
  private readonly seenIds = new WeakMap<Y.XmlFragment, Map<string, string>>();

  /** Reads the section as it is before an update; returns the verdict to ask after it. */
  before(fragment: Y.XmlFragment): SuggestionVerdict {
    this.watch(fragment);
    // Read twice when the first reading removed what no editor can show (see readSection).
    const before =
      this.lastChecked.get(fragment) ??
      readSection(fragment) ??
      readSection(fragment) ??
      emptySection();
    const known = this.seenIds.get(fragment) ?? new Map<string, string>();
    this.seenIds.set(fragment, known);
    for (const [id, author] of authorsById(before)) known.set(id, author);
    return (sender) => {
      const after = readSection(fragment);
      if (after === null) return 'the update puts content into the section that no editor can show';
      const problem = suggestedChangeProblem(before, after, sender, known);
      if (problem) return problem;
      this.lastChecked.set(fragment, after);
      for (const [id, author] of authorsById(after)) known.set(id, author);
      return null;
    };
  }

  // Forgets a section's last checked state as soon as any transaction changes it; the
  // verdict stores the new state after that transaction.
  private watch(fragment: Y.XmlFragment): void {
    const doc = fragment.doc;
    if (!doc || this.watched.has(doc)) return;
    this.watched.add(doc);
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) {
        this.lastChecked.delete(rootOf(type) as unknown as Y.XmlFragment);
      }
    });
  }
}

/** Any shared type, as a transaction names the ones it changed. */
type SharedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

function rootOf(type: SharedType): SharedType {
  let root = type;
  while (root._item) root = root._item.parent as SharedType;
  return root;
}

const emptySection = (): ProseMirrorNode => planSchema().topNodeType.create();

// The binding deletes from the Yjs document what it cannot turn into a node (an unknown
// element, a mark the schema lacks): a section that changes while being read held such
// content, and is not read (null).
function readSection(fragment: Y.XmlFragment): ProseMirrorNode | null {
  const doc = fragment.doc;
  let changed = false;
  const notice = () => {
    changed = true;
  };
  doc?.on('afterTransaction', notice);
  try {
    const node = yXmlFragmentToProseMirrorRootNode(fragment, planSchema());
    return changed ? null : node;
  } finally {
    doc?.off('afterTransaction', notice);
  }
}
