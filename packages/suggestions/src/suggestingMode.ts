import {
  disableSuggestChanges,
  enableSuggestChanges,
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import type { SuggestionAttrs, SuggestionAuthor } from '@plenary/editor';
import { randomId } from '@plenary/model';
import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { asBlockReplacement, movesBlocks } from './blockReplacement.ts';
import { alignedToGraphemes } from './graphemeAlignment.ts';
import { decideSuggestionsInTransform, type SuggestionDecision } from './suggestionDecisions.ts';
import { suggestionDecorations } from './suggestionDecorations.ts';

/** How the local person's changes land: applied directly, or recorded as suggestions. */
export type EditingMode = 'editing' | 'suggesting';

/** Options of the suggesting-mode extension. */
export interface SuggestingModeOptions {
  /** Who suggests from this editor; suggesting needs one. */
  author: SuggestionAuthor | null;
  /** The mode the editor starts in. */
  mode: EditingMode;
  /** The clock stamped on suggestions (the server's time, where the app knows it). */
  now: () => number;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestingMode: {
      /** Switches between applying changes and suggesting them. */
      setEditingMode: (mode: EditingMode) => ReturnType;
      /** Changes who the next suggestions are attributed to (e.g. after a rename). */
      setSuggestionAuthor: (author: SuggestionAuthor | null) => ReturnType;
      /** Accepts or rejects the suggestions a decision matches, as one change. */
      decideSuggestions: (decision: SuggestionDecision) => ReturnType;
    };
  }
}

/** The editing mode an editor state is in. */
export function editingModeOf(state: EditorState): EditingMode {
  return isSuggestChangesEnabled(state) ? 'suggesting' : 'editing';
}

// Changes that arrive from Yjs (remote edits, undo and redo replayed by the binding)
// were tracked where they were made; tracking them again would duplicate them.
function isTrackable(tr: Transaction): boolean {
  const ySync = (tr.getMeta(ySyncPluginKey) ?? {}) as {
    isChangeOrigin?: boolean;
    isUndoRedoOperation?: boolean;
  };
  const own = (tr.getMeta(suggestChangesKey) ?? {}) as { skip?: boolean };
  return (
    tr.docChanged &&
    !ySync.isChangeOrigin &&
    !ySync.isUndoRedoOperation &&
    !tr.getMeta('history$') &&
    !own.skip
  );
}

/**
 * Editing and Suggesting modes. In Suggesting mode every change the local person makes is
 * rewritten into suggestion marks carrying a fresh id, their name, group and the time;
 * the text typed next to someone else's suggestion becomes a suggestion of its own.
 * Undo (Collaboration's Yjs undo) withdraws only the local person's suggestions.
 */
export const SuggestingMode = Extension.create<
  SuggestingModeOptions,
  { author: SuggestionAuthor | null }
>({
  name: 'suggestingMode',

  addOptions: () => ({ author: null, mode: 'editing', now: () => Date.now() }),

  addStorage() {
    return { author: this.options.author };
  },

  addProseMirrorPlugins() {
    const stock = suggestChanges({ enabled: this.options.mode === 'suggesting' });
    // The library's own decorations are redrawn from the whole section on every update;
    // suggestionDecorations draws the same ones in proportion to each change.
    const { decorations: _redrawnWhole, ...props } = stock.spec.props ?? {};
    return [new Plugin({ ...stock.spec, props }), suggestionDecorations()];
  },

  dispatchTransaction({ transaction, next }) {
    const { author } = this.storage;
    const state = this.editor.state;
    if (!author || !isSuggestChangesEnabled(state) || !isTrackable(transaction)) {
      next(transaction);
      return;
    }
    const attrs: Omit<SuggestionAttrs, 'id'> = {
      authorId: author.id,
      authorName: author.name,
      groupId: author.groupId,
      at: this.options.now(),
    };
    // Ids are random strings: two clients counting up would mint the same ones.
    const change = movesBlocks(transaction)
      ? asBlockReplacement(transaction, state)
      : (alignedToGraphemes(transaction, state) ?? transaction);
    next(transformToSuggestionTransaction(change, state, () => randomId(), attrs));
  },

  addCommands() {
    return {
      setEditingMode:
        (mode) =>
        ({ state, dispatch }) =>
          mode === 'suggesting'
            ? enableSuggestChanges(state, dispatch)
            : disableSuggestChanges(state, dispatch),
      setSuggestionAuthor:
        (author) =>
        ({ tr }) => {
          this.storage.author = author;
          // Nothing in the document or the state changes: an empty transaction would still
          // make the Yjs binding compare the whole section with its fragment (about 50 ms
          // for 300 KB), and every section editor sets its author as it is made.
          tr.setMeta('preventDispatch', true);
          return true;
        },
      decideSuggestions:
        (decision) =>
        ({ tr, dispatch }) => {
          const decided = decideSuggestionsInTransform(tr, decision);
          if (decided.length === 0) return false;
          // A decision is applied as it is, never turned into a suggestion itself.
          if (dispatch) tr.setMeta(suggestChangesKey, { skip: true });
          return true;
        },
    };
  },
});
