/**
 * The JSON shape of a section's rich text, as ProseMirror and TipTap write it.
 * The model holds rich text as plain data so that templates need no editor code.
 */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** A whole section body: a `doc` node whose children are blocks. */
export interface RichTextDoc extends RichTextNode {
  type: 'doc';
  content: RichTextNode[];
}

/** A text node. */
export const text = (value: string): RichTextNode => ({ type: 'text', text: value });

/** A paragraph of plain text (an empty paragraph when `value` is empty). */
export const paragraph = (value = ''): RichTextNode =>
  value ? { type: 'paragraph', content: [text(value)] } : { type: 'paragraph' };

/** A heading of the given level. */
export const heading = (level: 2 | 3, value: string): RichTextNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});

/** A bullet list, one paragraph per item. */
export const bulletList = (items: string[]): RichTextNode => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
});

/** An ordered list, one paragraph per item. */
export const orderedList = (items: string[]): RichTextNode => ({
  type: 'orderedList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
});

/** A table whose first row is a header row. */
export function table(header: string[], rows: string[][]): RichTextNode {
  const cell = (type: 'tableHeader' | 'tableCell', value: string): RichTextNode => ({
    type,
    content: [paragraph(value)],
  });
  return {
    type: 'table',
    content: [
      { type: 'tableRow', content: header.map((value) => cell('tableHeader', value)) },
      ...rows.map((row) => ({
        type: 'tableRow',
        content: row.map((value) => cell('tableCell', value)),
      })),
    ],
  };
}

/** A section body made of the given blocks. */
export const richTextDoc = (...content: RichTextNode[]): RichTextDoc => ({
  type: 'doc',
  content: content.length > 0 ? content : [paragraph()],
});
