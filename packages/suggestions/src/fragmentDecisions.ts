import { planSchema } from '@plenary/editor';
import { Transform } from '@tiptap/pm/transform';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { decideSuggestionsInTransform, type SuggestionDecision } from './suggestionDecisions.ts';
import { listSuggestions, type Suggestion } from './suggestionList.ts';
import { decideTextMarks } from './suggestionMarkRepair.ts';

/** What a decision on a section's fragment did, for the server's decision log. */
export interface DecisionResult {
  /** The suggestions decided, as they read before the decision. */
  decided: Suggestion[];
}

/** The pending suggestions of a section's fragment (e.g. on the server, in Node). */
export function listFragmentSuggestions(fragment: Y.XmlFragment): Suggestion[] {
  return listSuggestions(yXmlFragmentToProseMirrorRootNode(fragment, planSchema()));
}

/**
 * Carries out a decision on a section's fragment without an editor: reads it as a
 * ProseMirror document, decides there, and writes back only what changed, inside one Yjs
 * transaction with the given origin. Unchanged blocks and text keep their Yjs items, so
 * what others typed elsewhere in the section meanwhile survives.
 */
export function decideSuggestions(
  fragment: Y.XmlFragment,
  decision: SuggestionDecision,
  origin: unknown = null,
): DecisionResult {
  const before = yXmlFragmentToProseMirrorRootNode(fragment, planSchema());
  const tr = new Transform(before);
  const decided = decideSuggestionsInTransform(tr, decision);
  const ydoc = fragment.doc;
  if (tr.docChanged && ydoc) {
    ydoc.transact(() => {
      // Text decided item by item first; what is left (blocks split, joined or retyped by
      // a structural suggestion) is written as the difference to the decided document.
      decideTextMarks(fragment, new Map(decided.map((s) => [s.id, decision.action])));
      updateYFragment(ydoc, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() });
    }, origin);
  }
  return { decided };
}
