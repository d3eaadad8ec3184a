import type { RichTextDoc } from '@plenary/model';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { planSchema } from './contentExtensions.ts';

/**
 * Writes rich text into a section fragment; into one that holds text already, as the
 * smallest change that makes it equal (an imported file replacing a section). The JSON is
 * checked against the schema first, so a template or an import with an unknown node fails
 * loudly here, before anything changes, instead of producing a fragment the editor would
 * silently drop.
 */
export function writeRichText(fragment: Y.XmlFragment, doc: RichTextDoc): void {
  const node = ProseMirrorNode.fromJSON(planSchema(), doc);
  node.check();
  prosemirrorJSONToYXmlFragment(planSchema(), node.toJSON(), fragment);
}

/** Reads a section fragment as a ProseMirror document of the plan schema. */
export function readRichText(fragment: Y.XmlFragment): ProseMirrorNode {
  return yXmlFragmentToProseMirrorRootNode(fragment, planSchema());
}

/** The plain text of a section, blocks separated by blank lines. */
export function sectionPlainText(fragment: Y.XmlFragment): string {
  const doc = readRichText(fragment);
  return doc.textBetween(0, doc.content.size, '\n\n', ' ');
}
