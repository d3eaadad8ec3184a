import { readRichText } from '@plenary/editor';
import { decidedDoc } from '@plenary/suggestions';
import type { JSONContent } from '@tiptap/react';
import type * as Y from 'yjs';

/** The pause after a change before accepted text is drawn again (typing must not redraw it on every keystroke). */
export const SETTLE_MS = 250;

/** A section's text as it would read with every pending suggestion accepted. */
export function acceptedContent(fragment: Y.XmlFragment): JSONContent {
  return decidedDoc(readRichText(fragment), { action: 'accept' }).toJSON();
}

/**
 * Calls `onSettled` once changes to the fragment pause for `settleMs`, however many
 * arrive meanwhile. Returns the function that stops listening.
 */
export function onSettledChange(
  fragment: Y.XmlFragment,
  onSettled: () => void,
  settleMs = SETTLE_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    timer = undefined;
    onSettled();
  };
  const onChange = () => {
    timer ??= setTimeout(settle, settleMs);
  };
  fragment.observeDeep(onChange);
  return () => {
    fragment.unobserveDeep(onChange);
    if (timer) clearTimeout(timer);
  };
}
