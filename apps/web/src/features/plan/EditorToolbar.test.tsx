// @vitest-environment happy-dom
import { contentExtensions } from '@plenary/editor';
import { Editor } from '@tiptap/core';
import i18next from 'i18next';
import { act } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../i18n/en.ts';
import { reactRoot } from '../../test-support/reactRoot.ts';
import { EditorToolbar } from './EditorToolbar.tsx';

const i18n = i18next.createInstance();
void i18n.init({ lng: 'en', resources: { en: { translation: en } }, initAsync: false });

describe('EditorToolbar', () => {
  const editors: Editor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });

  // Table editing comes in a chunk of its own after the editor: a table button pressed
  // before it is in the editor waits for it, and then does what it says.
  it('runs a table command on an editor made without table editing, once it is there', async () => {
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: contentExtensions(),
      content: '<p>Risks</p>',
    });
    editors.push(editor);
    const { root, container } = reactRoot();
    act(() =>
      root.render(
        <I18nextProvider i18n={i18n}>
          <EditorToolbar editor={editor} />
        </I18nextProvider>,
      ),
    );
    const rows = () => editor.view.dom.querySelectorAll('tr').length;
    // Presses a button and waits for the table to have `expected` rows (the toolbar
    // re-renders when the command's transaction comes, after the wait).
    const press = async (label: string, expected: number) => {
      const button = container.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
      if (!button) throw new Error(`no ${label} button`);
      await act(async () => {
        button.click();
        await vi.waitFor(() => expect(rows()).toBe(expected));
      });
    };

    await press(en.toolbar.insertTable, 3);
    expect(editor.isActive('table')).toBe(true);
    await press(en.toolbar.addRow, 4);
  });
});

describe('EditorToolbar while typing', () => {
  // A keystroke re-renders the edited section's editor, the indicator and presence: the
  // toolbar renders (every button's label looked up) only when one of its buttons changes.
  it('renders again only when a button changes, not for each typed character', () => {
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: contentExtensions(),
      content: '<p>Risks</p>',
    });
    const { root } = reactRoot();
    act(() =>
      root.render(
        <I18nextProvider i18n={i18n}>
          <EditorToolbar editor={editor} />
        </I18nextProvider>,
      ),
    );
    const lookups = vi.spyOn(i18n, 't');
    const type = (text: string) => {
      for (const character of text) act(() => editor.commands.insertContent(character));
    };
    act(() => {
      editor.commands.focus('end');
    });
    type(' and');
    act(() => {
      editor.commands.toggleBold();
    });
    expect(lookups).toHaveBeenCalled();
    lookups.mockClear();
    type(' issues');
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();
    editor.destroy();
  });
});
