import { bulletList, heading, paragraph, type RichTextDoc, richTextDoc } from '@plenary/model';
import type { Editor } from '@tiptap/core';

/** A structural edit, the section it starts from, and how to make it in an editor. */
export interface StructuralCase {
  name: string;
  body: RichTextDoc;
  edit: (editor: Editor) => void;
}

const twoParagraphs = richTextDoc(paragraph('Protect civilians'), paragraph('Early warning'));

// Positions: the first paragraph's text starts at 1; "Protect civilians" is 17 characters,
// so the second paragraph's text starts at 20.
/** Every structural change the issue names, as edits on small sections. */
export const STRUCTURAL_CASES: StructuralCase[] = [
  {
    name: 'split a paragraph (Enter)',
    body: twoParagraphs,
    edit: (e) => e.chain().setTextSelection(8).splitBlock().run(),
  },
  {
    name: 'join two paragraphs (Backspace at the start)',
    body: twoParagraphs,
    edit: (e) => e.chain().setTextSelection(20).joinBackward().run(),
  },
  {
    name: 'paragraph to heading',
    body: twoParagraphs,
    edit: (e) => e.chain().setTextSelection(3).setNode('heading', { level: 2 }).run(),
  },
  {
    name: 'heading level change',
    body: richTextDoc(heading(2, 'Prevention'), paragraph('Early warning')),
    edit: (e) => e.chain().setTextSelection(3).setNode('heading', { level: 3 }).run(),
  },
  {
    name: 'paragraphs into a bullet list',
    body: twoParagraphs,
    edit: (e) => e.chain().setTextSelection({ from: 3, to: 22 }).toggleBulletList().run(),
  },
  {
    name: 'bullet list back to paragraphs',
    body: richTextDoc(bulletList(['Protect civilians', 'Early warning'])),
    edit: (e) => e.chain().setTextSelection(5).toggleBulletList().run(),
  },
  {
    name: 'paste two paragraphs inside a paragraph',
    body: twoParagraphs,
    edit: (e) => {
      e.commands.setTextSelection(8);
      e.view.pasteHTML('<p>first pasted</p><p>second pasted</p>');
    },
  },
  {
    name: 'paste two whole paragraphs between paragraphs',
    body: twoParagraphs,
    edit: (e) => {
      e.commands.setTextSelection(18);
      e.view.pasteHTML('<p>first pasted</p><p>second pasted</p>');
    },
  },
  {
    name: 'delete across two paragraphs',
    body: twoParagraphs,
    edit: (e) => e.chain().setTextSelection({ from: 9, to: 25 }).deleteSelection().run(),
  },
  {
    name: 'select all and delete',
    body: twoParagraphs,
    edit: (e) => e.chain().selectAll().deleteSelection().run(),
  },
  {
    name: 'insert a horizontal rule',
    body: twoParagraphs,
    edit: (e) => e.chain().setTextSelection(18).setHorizontalRule().run(),
  },
];
