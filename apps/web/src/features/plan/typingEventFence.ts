/**
 * The events each keystroke (or input-method step) sends through an editor. React's root
 * listener dispatches every one of them, in capture and again in bubble, walking the whole
 * component path from the editor up to the root for handlers that no component above a
 * section editor has: 0.4 ms of a keystroke's task, with the bubble phase's select and
 * before-input polyfills the larger half.
 */
export const TYPING_EVENTS = [
  'keydown',
  'keypress',
  'textInput',
  'input',
  'keyup',
  'compositionstart',
  'compositionupdate',
  'compositionend',
] as const;

/**
 * Keys whose keydown must still reach the document from an editor: Escape closes the
 * plan menu (usePlanMenu listens on the document).
 */
const KEYS_THE_PAGE_HEARS: ReadonlySet<string> = new Set(['Escape']);

const stopAtFence = (event: Event) => {
  if (event instanceof KeyboardEvent && event.type === 'keydown') {
    if (KEYS_THE_PAGE_HEARS.has(event.key)) return;
  }
  event.stopPropagation();
};

/**
 * Keeps the typing events that start inside `element` (an editor's wrapper, which React
 * renders but whose content it does not) from bubbling past it to React's root and the
 * document. Only for a wrapper with no React handler for these events above it that needs
 * them, and no document or window listener but for the keys above; capture-phase listeners
 * (the page's own, and React's capture pass) still see every event. Returns the undo.
 */
export function fenceTypingEvents(element: HTMLElement): () => void {
  for (const type of TYPING_EVENTS) element.addEventListener(type, stopAtFence);
  return () => {
    for (const type of TYPING_EVENTS) element.removeEventListener(type, stopAtFence);
  };
}
