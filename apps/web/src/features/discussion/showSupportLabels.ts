import type { EditorView } from '@tiptap/pm/view';
import { Decoration } from '@tiptap/pm/view';
import * as Y from 'yjs';
import { type EditorYjs, editorYjs } from '../../collab/editorYjsPositions.ts';
import type { BuildDecorations } from './anchoredDecorations.ts';
import { type SupportLabel, supportLayer } from './supportLabels.ts';

/** The live block with this Yjs id, or null once it was deleted (or not yet received). */
function blockOf(doc: Y.Doc, blockId: string): Y.XmlElement | null {
  const [client, clock] = blockId.split('-').map(Number);
  if (client === undefined || clock === undefined || !Number.isSafeInteger(clock)) return null;
  if (Y.getState(doc.store, client) <= clock) return null;
  const item = Y.getItem(doc.store, Y.createID(client, clock));
  if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType)) {
    return null;
  }
  return item.content.type instanceof Y.XmlElement ? item.content.type : null;
}

/** Where a label goes: the end of the block's text (a list item's first paragraph). */
function labelPosition(yjs: EditorYjs, blockId: string): number | null {
  const block = blockOf(yjs.doc, blockId);
  if (!block) return null;
  const paragraph =
    block.nodeName === 'paragraph'
      ? block
      : (block.toArray().find((child) => child instanceof Y.XmlElement) ?? block);
  if (!(paragraph instanceof Y.XmlElement)) return null;
  return yjs.position(Y.createRelativePositionFromTypeIndex(paragraph, paragraph.length, -1));
}

function labelElement(label: SupportLabel): HTMLElement {
  const span = document.createElement('span');
  span.className = 'support-label';
  span.contentEditable = 'false';
  span.dataset.level = label.level;
  span.dataset.testid = 'support-label';
  span.textContent = label.text;
  return span;
}

// Each label after its recommendation's words.
const drawSupportLabels: BuildDecorations<SupportLabel, undefined> = (state, labels, previous) => {
  const yjs = editorYjs(state, previous);
  if (!yjs) return [];
  return labels.flatMap((label) => {
    const at = labelPosition(yjs, label.blockId);
    return at === null
      ? []
      : [
          Decoration.widget(at, () => labelElement(label), {
            side: 1,
            key: `support:${label.blockId}:${label.text}`,
            ignoreSelection: true,
          }),
        ];
  });
};

/**
 * Shows these labels in the editor of `view` (its section's recommendations only), each
 * after its recommendation's words (see SupportLabels). The drawing is here rather than in
 * the extension so that it loads with the discussion, after the editor.
 */
export function showSupportLabels(view: EditorView, labels: readonly SupportLabel[]): void {
  supportLayer.drawWith(drawSupportLabels);
  supportLayer.show(view, labels);
}
