import { withEditingAfterReady } from '@plenary/editor';
import type { Editor } from '@tiptap/react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LinkForm } from './LinkForm.tsx';
import {
  FORMAT_ACTIONS,
  INSERT_TABLE,
  LINK_ICON,
  TABLE_ACTIONS,
  type TableAction,
  type ToolbarAction,
  type ToolbarButton,
} from './toolbarActions.tsx';

/** Which buttons show pressed, and whether the table buttons show, for `editor`'s selection. */
function toolbarState(editor: Editor | null) {
  if (!editor) return null;
  const pressed: Record<string, boolean> = {};
  for (const action of FORMAT_ACTIONS) pressed[action.id] = action.isActive?.(editor) ?? false;
  return { pressed, link: editor.isActive('link'), inTable: editor.isActive('table') };
}

/**
 * The toolbar's state, following the editor's transactions but changing (and re-rendering
 * the toolbar) only when a button changes. Compared here, outside React: handing React an
 * updater on every transaction made it render the toolbar (every button, every label
 * looked up) on most keystrokes only to find the state the same. Kept here rather than
 * TipTap's useEditorState, so that the plan page's first paint needs no editor code.
 */
function useToolbarState(editor: Editor | null) {
  const [state, setState] = useState(() => toolbarState(editor));
  useEffect(() => {
    const first = toolbarState(editor);
    let shown = JSON.stringify(first);
    const update = () => {
      const next = toolbarState(editor);
      const key = JSON.stringify(next);
      if (key === shown) return;
      shown = key;
      setState(next);
    };
    // The editor may have changed between the first render and this effect.
    setState((last) => (JSON.stringify(last) === shown ? last : first));
    editor?.on('transaction', update);
    return () => {
      editor?.off('transaction', update);
    };
  }, [editor]);
  return state;
}

/**
 * Formatting for the section being edited. One toolbar serves every section: it acts
 * on the editor that last had focus, and stays put at the top of the page.
 */
export function EditorToolbar({
  editor,
  leading,
}: {
  editor: Editor | null;
  /** Shown above the buttons, staying in view with them (the mode switch). */
  leading?: ReactNode;
}) {
  const { t } = useTranslation();
  const [linkOpen, setLinkOpen] = useState(false);
  const usable = editor !== null && !editor.isDestroyed && editor.isEditable;
  const state = useToolbarState(usable ? editor : null);

  const button = (action: ToolbarButton, run: (editor: Editor) => void, pressed?: boolean) => {
    return (
      <button
        key={action.id}
        type="button"
        className="toolbar__button"
        aria-label={t(action.label)}
        title={t(action.label)}
        aria-pressed={pressed}
        disabled={!usable}
        // Keep the text's selection and focus: the command applies to them.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          if (usable) run(editor);
        }}
      >
        {action.icon}
      </button>
    );
  };

  const format = (action: ToolbarAction) =>
    button(
      action,
      (editor) => action.run(editor.chain().focus()).run(),
      action.isActive ? (state?.pressed[action.id] ?? false) : undefined,
    );
  // Table commands come with table editing, which follows the editor in a chunk of its
  // own: a button pressed before it is here waits for it.
  const table = (action: TableAction) =>
    button(action, async (editor) => {
      const commands = (await withEditingAfterReady(editor)).table;
      if (!editor.isDestroyed && editor.isEditable)
        editor.chain().focus().command(action.command(commands)).run();
    });

  return (
    <div className="toolbar-area">
      {leading}
      <div
        className="toolbar"
        role="toolbar"
        aria-label={t('toolbar.label')}
        // While no section is being edited its buttons are disabled, so the toolbar takes
        // the focus itself: on a phone it scrolls sideways, and a keyboard must reach it.
        tabIndex={usable ? undefined : 0}
      >
        {FORMAT_ACTIONS.map(format)}
        <span className="toolbar__separator" aria-hidden="true" />
        <button
          type="button"
          className="toolbar__button"
          aria-label={t('toolbar.link')}
          title={t('toolbar.link')}
          aria-pressed={state?.link ?? false}
          aria-expanded={linkOpen}
          disabled={!usable}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => setLinkOpen(!linkOpen)}
        >
          {LINK_ICON}
        </button>
        {table(INSERT_TABLE)}
        {state?.inTable && (
          <>
            <span className="toolbar__separator" aria-hidden="true" />
            {TABLE_ACTIONS.map(table)}
          </>
        )}
        {!usable && <span className="toolbar__hint">{t('toolbar.hint')}</span>}
      </div>
      {linkOpen && usable && <LinkForm editor={editor} onDone={() => setLinkOpen(false)} />}
    </div>
  );
}
