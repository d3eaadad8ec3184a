import type { Editor } from '@tiptap/react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkHref } from './linkHref.ts';

/**
 * Sets or removes the link on the selection. With nothing selected, the address is
 * inserted as linked text, so a link can be added while typing.
 */
export function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const current = editor.getAttributes('link').href;
  const [value, setValue] = useState(typeof current === 'string' ? current : '');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The form opens because the person pressed "Link": the address is what they type next.
    field.current?.focus();
  }, []);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const href = linkHref(value);
    const chain = editor.chain().focus();
    if (href === null) {
      chain.extendMarkRange('link').unsetLink().run();
    } else if (editor.state.selection.empty && !editor.isActive('link')) {
      chain
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      chain.extendMarkRange('link').setLink({ href }).run();
    }
    onDone();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onDone();
  };

  return (
    <form className="link-form" onSubmit={apply}>
      <label htmlFor={id}>{t('toolbar.linkAddress')}</label>
      <input
        ref={field}
        id={id}
        type="text"
        inputMode="url"
        autoComplete="url"
        value={value}
        placeholder="https://"
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            editor.commands.focus();
            onDone();
          }
        }}
      />
      <button type="submit" className="button button--small button--primary">
        {t('toolbar.applyLink')}
      </button>
      {editor.isActive('link') && (
        <button type="button" className="button button--small" onClick={remove}>
          {t('toolbar.removeLink')}
        </button>
      )}
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          editor.commands.focus();
          onDone();
        }}
      >
        {t('common.cancel')}
      </button>
    </form>
  );
}
