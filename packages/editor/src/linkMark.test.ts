// @vitest-environment happy-dom
import type { RichTextDoc } from '@plenary/model';
import { type AnyExtension, Editor, getSchema } from '@tiptap/core';
import TipTapLink from '@tiptap/extension-link';
import { DOMParser, DOMSerializer, type Schema } from '@tiptap/pm/model';
import { afterEach, describe, expect, it } from 'vitest';
import { contentExtensions, planSchema } from './contentExtensions.ts';
import { addEditingAfterReady, editingAfterReady } from './editingAfterReady.ts';
import { described, withTipTap } from './schemaComparison.ts';

// What the plan's extensions were with TipTap's link mark, configured as the plan had it.
const withTipTapLink = (): AnyExtension[] =>
  withTipTap(
    TipTapLink.configure({
      openOnClick: false,
      autolink: true,
      protocols: ['http', 'https', 'mailto'],
    }),
  );

/** A paragraph of one linked text for each of `links`' attributes. */
const linksDoc = (links: Record<string, unknown>[]): RichTextDoc => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: links.map((attrs, index) => ({
        type: 'text',
        text: `link ${index} `,
        marks: [{ type: 'link', attrs }],
      })),
    },
  ],
});

const html = (schema: Schema, doc: RichTextDoc) => {
  const box = document.createElement('div');
  box.appendChild(
    DOMSerializer.fromSchema(schema).serializeFragment(schema.nodeFromJSON(doc).content),
  );
  return box.innerHTML;
};

const parsed = (schema: Schema, markup: string) => {
  const box = document.createElement('div');
  box.innerHTML = markup;
  return DOMParser.fromSchema(schema).parse(box).toJSON();
};

// Targets both marks keep, and targets both refuse (a script, data, a trick of case).
const KEPT = [
  'https://example.org/a?b=c#d',
  'http://un.org',
  'mailto:focal@example.org',
  'HTTPS://UN.ORG',
];
const UNSAFE = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,<b>x</b>',
  'vbscript:x',
];

describe('the plan link', () => {
  const editors: Editor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });

  it('has the schema TipTap’s link mark gave it', () => {
    expect(described(planSchema())).toEqual(described(getSchema(withTipTapLink())));
    expect(planSchema().marks.link?.spec.inclusive).toBe(true);
  });

  it('writes the HTML TipTap’s link mark did, and no unsafe target', () => {
    const tiptap = getSchema(withTipTapLink());
    const doc = linksDoc([
      ...[...KEPT, ...UNSAFE].map((href) => ({ href })),
      { href: 'https://un.org', target: null, rel: 'noopener', class: 'x', title: 'UN' },
      { href: null },
    ]);
    const ours = html(planSchema(), doc);
    expect(ours).toBe(html(tiptap, doc));
    expect(ours).toContain(
      '<a target="_blank" rel="noopener noreferrer nofollow" href="https://example.org/a?b=c#d">',
    );
    expect(ours).not.toMatch(/script:|data:/i);
  });

  it('reads the links TipTap’s link mark read, and refuses unsafe ones', () => {
    const tiptap = getSchema(withTipTapLink());
    const markup = [...KEPT, ...UNSAFE, '']
      .map((href) => `<a href="${href}" title="t">${href || 'empty'}</a>`)
      .join(' ');
    const ours = parsed(planSchema(), markup);
    expect(ours).toEqual(parsed(tiptap, markup));
    const hrefs = JSON.stringify(ours).match(/"href":"[^"]*"/g);
    expect(hrefs).toEqual(KEPT.map((href) => `"href":"${href}"`));
  });

  // Where ours is stricter: TipTap's also kept relative addresses and ftp:, tel: and
  // others; the plan keeps what its reports write (safeLinkTarget), and a leading space
  // is not cleaned away.
  it('keeps only web and e-mail addresses', () => {
    for (const href of ['/plans/x', '#risks', 'tel:+41', 'ftp://x.org', ' javascript:x']) {
      expect(JSON.stringify(parsed(planSchema(), `<a href="${href}">x</a>`))).not.toContain(
        '"link"',
      );
      expect(html(planSchema(), linksDoc([{ href }]))).toContain('href=""');
    }
  });

  const editorWith = (editing: boolean) => {
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: contentExtensions({ editing: editing ? editingAfterReady : null }),
      content: { type: 'doc', content: [{ type: 'paragraph' }] },
    });
    editors.push(editor);
    return editor;
  };
  const type = (editor: Editor, text: string) => {
    for (const character of text) {
      const { from, to } = editor.state.selection;
      // As the view hands typed text to the plugins, so that autolinking sees it.
      const handled = editor.view.someProp('handleTextInput', (handle) =>
        handle(editor.view, from, to, character, () => editor.state.tr.insertText(character)),
      );
      if (!handled) editor.view.dispatch(editor.state.tr.insertText(character, from, to));
    }
  };
  const links = (editor: Editor) => {
    const found: [string, unknown][] = [];
    editor.state.doc.descendants((node) => {
      const link = node.marks.find((mark) => mark.type.name === 'link');
      if (node.isText && link) found.push([node.text ?? '', link.attrs.href]);
    });
    return found;
  };

  it('links an address typed before a space once link editing is in the editor', () => {
    const editor = editorWith(false);
    type(editor, 'see https://example.org ');
    expect(links(editor)).toEqual([]);

    addEditingAfterReady(editor);
    type(editor, 'and https://un.org/r2p ');
    type(editor, '(example.org) localhost javascript:alert(1) ');
    expect(links(editor)).toEqual([
      ['https://un.org/r2p', 'https://un.org/r2p'],
      ['example.org', 'http://example.org'],
    ]);
    expect(editor.state.doc.textContent).toBe(
      'see https://example.org and https://un.org/r2p (example.org) localhost javascript:alert(1) ',
    );
  });

  it('links an address typed in an editor made with link editing', () => {
    const editor = editorWith(true);
    type(editor, 'write to focal@example.org ');
    expect(links(editor)).toEqual([['focal@example.org', 'mailto:focal@example.org']]);
  });

  it('sets and unsets a link, refusing an unsafe one', () => {
    const editor = editorWith(true);
    editor.commands.insertContent('Read the plan');
    editor.commands.setTextSelection({ from: 10, to: 14 });
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(editor.commands.setLink({ href: 'https://un.org' })).toBe(true);
    expect(links(editor)).toEqual([['plan', 'https://un.org']]);
    editor.commands.setTextSelection(12);
    expect(editor.commands.unsetLink()).toBe(true);
    expect(links(editor)).toEqual([]);
  });
});
