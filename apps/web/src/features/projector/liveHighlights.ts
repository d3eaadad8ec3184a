import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import * as Y from 'yjs';
import type { AuthorMark } from '../../collab/authorColors.ts';
import { editorYjs } from '../../collab/editorYjsPositions.ts';
import type { InsertedRun } from '../../collab/textAuthorship.ts';

/** How long new text stays marked on the projector, fading out towards the end. */
export const HIGHLIGHT_MS = 3_000;
/** How long the mark stays at full strength before it starts to fade. */
const FULL_MS = 1_000;
/** How often a fading mark is redrawn; CSS transitions smooth the steps in between. */
const FADE_STEP_MS = 250;

/**
 * How strongly text is marked `age` ms after it arrived: fully for a moment, then fading
 * to nothing. Computed here rather than by a CSS animation, because ProseMirror reuses
 * a mark's element across redraws and an animation would not restart with the text.
 */
export function highlightStrength(age: number): number {
  if (age <= FULL_MS) return 1;
  return Math.max(0, 1 - (age - FULL_MS) / (HIGHLIGHT_MS - FULL_MS));
}

/** The class of a highlight in the projector's text (its fade is in projector.css). */
export const HIGHLIGHT_CLASS = 'live-highlight';

/**
 * New text to mark, held as Yjs positions rather than ProseMirror ones: the Yjs binding
 * rebuilds the whole ProseMirror document on every remote change, which would wipe
 * decorations that were only mapped through the change.
 */
interface Highlight extends AuthorMark {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  /** When it was added or last grew (local clock). */
  at: number;
}

interface HighlightState {
  highlights: Highlight[];
  decorations: DecorationSet;
}

type HighlightMeta = { add: Highlight[] } | { tick: true };

const highlightKey = new PluginKey<HighlightState>('liveHighlights');

/** A run's first character, and the place just after its last one. */
function runBounds(run: InsertedRun): Pick<Highlight, 'start' | 'end'> {
  const at = (clock: number, assoc: number) =>
    Y.createRelativePositionFromJSON({ item: { client: run.client, clock }, assoc });
  return { start: at(run.clock, 0), end: at(run.clock + run.length - 1, -1) };
}

/** Resolves highlights to ProseMirror ranges in `state`; null for text no longer there. */
function resolver(state: EditorState) {
  const yjs = editorYjs(state);
  return (highlight: Highlight): { from: number; to: number } | null => {
    const from = yjs?.position(highlight.start) ?? null;
    const to = yjs?.position(highlight.end) ?? null;
    return from === null || to === null || to <= from ? null : { from, to };
  };
}

/**
 * Adds new highlights; one that touches a highlight of the same colour joins it, so a
 * phrase typed key by key is one mark that fades once the typing stops.
 */
function merge(current: Highlight[], added: Highlight[], state: EditorState): Highlight[] {
  const resolve = resolver(state);
  const result = [...current];
  for (const highlight of added) {
    const range = resolve(highlight);
    if (!range) continue;
    const index = result.findIndex((other) => {
      const otherRange = other.color === highlight.color ? resolve(other) : null;
      return otherRange !== null && otherRange.from <= range.to && otherRange.to >= range.from;
    });
    const other = result[index];
    const otherRange = other ? resolve(other) : null;
    if (!other || !otherRange) {
      result.push(highlight);
      continue;
    }
    result[index] = {
      ...highlight,
      start: otherRange.from <= range.from ? other.start : highlight.start,
      end: otherRange.to >= range.to ? other.end : highlight.end,
    };
  }
  return result;
}

function decorate(state: EditorState, highlights: Highlight[], now: number): DecorationSet {
  const resolve = resolver(state);
  const decorations: Decoration[] = [];
  for (const highlight of highlights) {
    const range = resolve(highlight);
    const strength = highlightStrength(now - highlight.at);
    if (!range || strength <= 0) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: HIGHLIGHT_CLASS,
        'data-testid': HIGHLIGHT_CLASS,
        'data-color': highlight.color,
        'data-group': highlight.groupId ?? '',
        style: `--highlight-color: ${highlight.color}; --highlight-strength: ${strength.toFixed(2)}`,
      }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Marks text in `view` that just arrived: each run in its author's group colour. */
export function highlightRuns(
  view: EditorView,
  runs: readonly { run: InsertedRun; mark: AuthorMark }[],
): void {
  if (view.isDestroyed || runs.length === 0) return;
  const at = Date.now();
  const add = runs.map(({ run, mark }) => ({ ...mark, ...runBounds(run), at }));
  view.dispatch(view.state.tr.setMeta(highlightKey, { add } satisfies HighlightMeta));
}

/**
 * Decorations that mark new text for a few seconds in its author's group colour, for
 * the read-only projector editor. Text arrives through `highlightRuns`.
 */
export const LiveHighlights = Extension.create({
  name: 'liveHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: highlightKey,
        state: {
          init: () => ({ highlights: [], decorations: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(highlightKey) as HighlightMeta | undefined;
            if (!meta && !tr.docChanged) return value;
            const now = Date.now();
            const live = value.highlights.filter((highlight) => now - highlight.at < HIGHLIGHT_MS);
            const highlights = meta && 'add' in meta ? merge(live, meta.add, state) : live;
            return { highlights, decorations: decorate(state, highlights, now) };
          },
        },
        props: {
          decorations: (state) => highlightKey.getState(state)?.decorations,
        },
        view(view) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          // Redraws fading highlights, and drops them once they are gone.
          const schedule = () => {
            clearTimeout(timer);
            if ((highlightKey.getState(view.state)?.highlights.length ?? 0) === 0) return;
            timer = setTimeout(() => {
              if (!view.isDestroyed)
                view.dispatch(view.state.tr.setMeta(highlightKey, { tick: true }));
            }, FADE_STEP_MS);
          };
          schedule();
          return { update: schedule, destroy: () => clearTimeout(timer) };
        },
      }),
    ];
  },
});
