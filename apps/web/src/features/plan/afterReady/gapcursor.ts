/**
 * Stands in for prosemirror-gapcursor inside TipTap's gap cursor extension in the web build
 * (see afterReadyParts.ts). The real plugin is only props (no state, no view): this one
 * hands each of them to the real plugin once the module is here. Before that no gap cursor
 * can be placed, so there is none to draw or move.
 */
import type { Plugin as RealPlugin } from '@tiptap/pm/state';
import { Plugin } from '@tiptap/pm/state';
import type { EditorProps } from '@tiptap/pm/view';
import { afterReadyModules, whenAfterReadyModules } from './afterReadyParts.ts';

let real: RealPlugin | null = null;
whenAfterReadyModules(({ gapcursor }) => {
  real = gapcursor.gapCursor();
});

type Props = EditorProps<Plugin>;

/** The props prosemirror-gapcursor's plugin has; the test checks there are no others. */
export const GAP_CURSOR_PROPS = [
  'decorations',
  'createSelectionBetween',
  'handleClick',
  'handleKeyDown',
] as const satisfies readonly (keyof Props)[];

/** The DOM events prosemirror-gapcursor's plugin handles. */
export const GAP_CURSOR_DOM_EVENTS = ['beforeinput'] as const;

type Handler = (...args: unknown[]) => unknown;

// The real plugin's handler, called as the view calls it; before it is here, none.
const handedOn =
  (handler: () => Handler | undefined): Handler =>
  (...args) =>
    handler()?.(...args) ?? null;

/** prosemirror-gapcursor's `gapCursor`, its props handed on when the module is here. */
export function gapCursor(): Plugin {
  const modules = afterReadyModules();
  if (modules) return modules.gapcursor.gapCursor();
  return new Plugin({
    props: {
      ...Object.fromEntries(
        GAP_CURSOR_PROPS.map((prop) => [prop, handedOn(() => real?.props[prop] as Handler)]),
      ),
      handleDOMEvents: Object.fromEntries(
        GAP_CURSOR_DOM_EVENTS.map((event) => [
          event,
          handedOn(() => real?.props.handleDOMEvents?.[event] as Handler),
        ]),
      ) as Props['handleDOMEvents'],
    },
  });
}
