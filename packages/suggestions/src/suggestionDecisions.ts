import {
  applyModificationsToTransform,
  applySuggestionsToTransform,
} from '@handlewithcare/prosemirror-suggest-changes';
import type { SuggestionAttrs } from '@plenary/editor';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { listSuggestions, type Suggestion } from './suggestionList.ts';

/**
 * Accept or reject the suggestions that match every given field: one by `id`, a chosen set
 * by `ids`, or all of an author's or a group's (fields may be combined); no field at all
 * matches every one.
 */
export interface SuggestionDecision {
  action: 'accept' | 'reject';
  id?: string;
  /** Exactly these suggestions (those the reviewer saw when choosing a bulk action). */
  ids?: readonly string[];
  authorId?: string;
  /** A group id, or null for the plenary's suggestions. */
  groupId?: string | null;
}

/** True when a suggestion falls under a decision. */
export function matchesDecision(
  attrs: Pick<SuggestionAttrs, 'id' | 'authorId' | 'groupId'>,
  decision: SuggestionDecision,
): boolean {
  return (
    (decision.id === undefined || attrs.id === decision.id) &&
    (decision.ids === undefined || decision.ids.includes(attrs.id)) &&
    (decision.authorId === undefined || attrs.authorId === decision.authorId) &&
    (decision.groupId === undefined || attrs.groupId === decision.groupId)
  );
}

/**
 * Adds to `tr` the steps that carry out a decision on its current document, and returns
 * the suggestions it decided (as they were before, for the decision log).
 */
export function decideSuggestionsInTransform(
  tr: Transform,
  decision: SuggestionDecision,
): Suggestion[] {
  const decided = listSuggestions(tr.doc).filter((s) => matchesDecision(s, decision));
  if (decided.length === 0) return [];
  const ids = new Set(decided.map((s) => s.id));
  const selects = (mark: Mark): boolean => ids.has(String(mark.attrs.id));
  const { insertion, deletion } = tr.doc.type.schema.marks;
  if (!insertion || !deletion) throw new Error('The schema has no suggestion marks.');
  // The library maps positions from the transform's first document, so the decision is
  // made in a transform of its own and its steps are then added to `tr`.
  const own = new Transform(tr.doc);
  if (decision.action === 'accept') {
    applySuggestionsToTransform(own.doc, own, insertion, deletion, selects);
    applyModificationsToTransform(own.doc, own, 1, selects);
  } else {
    applySuggestionsToTransform(own.doc, own, deletion, insertion, selects);
    applyModificationsToTransform(own.doc, own, -1, selects);
  }
  for (const step of own.steps) tr.step(step);
  return decided;
}

/** The section as it would read after a decision ("preview as accepted"). */
export function decidedDoc(doc: ProseMirrorNode, decision: SuggestionDecision): ProseMirrorNode {
  const tr = new Transform(doc);
  decideSuggestionsInTransform(tr, decision);
  return tr.doc;
}
