import type { SupportLevel } from '@plenary/model';
import { Extension } from '@tiptap/core';
import { anchoredLayer } from './anchoredDecorations.ts';

/** A level-of-support label to show after a recommendation. */
export interface SupportLabel {
  /** The Yjs id ("client-clock") of the recommendation's block (see `supportMarks`). */
  blockId: string;
  level: SupportLevel;
  /** The words shown, e.g. "Broad support · 31 agree, 4 disagree, 2 abstain". */
  text: string;
}

/** The layer of support labels; drawn and shown by showSupportLabels.ts. */
export const supportLayer = anchoredLayer<SupportLabel>('supportLabels');

/**
 * The level of support of each recommendation a closed consensus round answered, after its
 * words. A widget, never part of the shared document: the votes are the server's, and
 * nobody can change a label by editing the text.
 */
export const SupportLabels = Extension.create({
  name: 'supportLabels',
  addProseMirrorPlugins() {
    return [supportLayer.plugin(undefined)];
  },
});
