// @vitest-environment happy-dom
import { contentExtensions } from '@plenary/editor';
import type { Editor } from '@tiptap/core';
import { act, useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { reactRoot } from '../../test-support/reactRoot.ts';
import { useMountedEditor } from './useMountedEditor.ts';

/** An editor of `text`, made anew when `text` changes; reports each editor it renders with. */
function TextEditor({ text, seen }: { text: string; seen: (editor: Editor | null) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useMountedEditor(
    container,
    () => ({ extensions: contentExtensions(), content: `<p>${text}</p>` }),
    [text],
  );
  seen(editor);
  return <div ref={container} data-testid="editor" />;
}

describe('useMountedEditor', () => {
  it('mounts an editor in the element, makes a new one when the deps change, destroys it when the component goes', async () => {
    const editors: (Editor | null)[] = [];
    const seen = (editor: Editor | null) => editors.push(editor);
    const { root, container: page } = reactRoot();

    act(() => root.render(<TextEditor text="First" seen={seen} />));
    const first = editors.at(-1);
    expect(editors[0]).toBeNull();
    expect(first?.isDestroyed).toBe(false);
    const element = page.querySelector('[data-testid="editor"]');
    expect(element?.firstElementChild).toBe(first?.view.dom);
    expect(element?.textContent).toBe('First');

    act(() => root.render(<TextEditor text="Second" seen={seen} />));
    // Made in a task of its own: an editor was made in this one already (editorTurns.ts).
    expect(first?.isDestroyed).toBe(true);
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const second = editors.at(-1);
    expect(second).not.toBe(first);
    expect(first?.isDestroyed).toBe(true);
    expect(element?.children).toHaveLength(1);
    expect(element?.textContent).toBe('Second');

    act(() => root.unmount());
    expect(second?.isDestroyed).toBe(true);
    expect(element?.children).toHaveLength(0);
  });
});
