/**
 * For the tests that show one of our extensions has the schema of the TipTap extension it
 * stands for (tableNode.test.ts, linkMark.test.ts).
 */
import type { AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { contentExtensions } from './contentExtensions.ts';

/** The plan's extensions with `tiptap` in place of ours of the same name. */
export const withTipTap = (tiptap: AnyExtension): AnyExtension[] =>
  contentExtensions().map((extension) => (extension.name === tiptap.name ? tiptap : extension));

/**
 * A schema's nodes and marks as data: their specs (parse rules and attributes included)
 * in their order, each function written as its kind, since two extensions' functions are
 * never the same objects (what they do is compared through HTML).
 */
export const described = (schema: Schema): unknown =>
  JSON.parse(
    JSON.stringify(
      {
        nodes: Object.values(schema.nodes).map((type) => [type.name, type.spec]),
        marks: Object.values(schema.marks).map((type) => [type.name, type.spec]),
      },
      (_key, value: unknown) => (typeof value === 'function' ? 'function' : value),
    ),
  );
