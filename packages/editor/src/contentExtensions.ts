import { type Extensions, getSchema } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';

/**
 * The extensions that define what a section's rich text may contain: headings,
 * paragraphs, bullet and numbered lists, bold, italic, underline, links and tables.
 * The web app edits with these and the server builds the same schema from them, so a
 * document written in one is valid in the other.
 */
export function contentExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo, which only undoes the local person's changes.
      undoRedo: false,
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of a section's rich text (built once per process). */
export function planSchema(): Schema {
  cachedSchema ??= getSchema(contentExtensions());
  return cachedSchema;
}
