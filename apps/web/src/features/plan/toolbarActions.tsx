import type { ChainedCommands, Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import type { en } from '../../i18n/en.ts';

/** A toolbar button: what it is called, how it looks, what it does to the focused editor. */
export interface ToolbarAction {
  id: string;
  label: `toolbar.${keyof typeof en.toolbar}`;
  icon: ReactNode;
  /** For toggles: whether the selection already has it (shown as pressed). */
  isActive?: (editor: Editor) => boolean;
  run: (chain: ChainedCommands) => ChainedCommands;
}

const svg = (path: ReactNode): ReactNode => (
  <svg
    viewBox="0 0 20 20"
    width="18"
    height="18"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.6"
    strokeLinecap="round"
  >
    {path}
  </svg>
);

/** Text formatting and block types, in the order the toolbar shows them. */
export const FORMAT_ACTIONS: ToolbarAction[] = [
  {
    id: 'bold',
    label: 'toolbar.bold',
    icon: <strong aria-hidden="true">B</strong>,
    isActive: (editor) => editor.isActive('bold'),
    run: (chain) => chain.toggleBold(),
  },
  {
    id: 'italic',
    label: 'toolbar.italic',
    icon: <em aria-hidden="true">I</em>,
    isActive: (editor) => editor.isActive('italic'),
    run: (chain) => chain.toggleItalic(),
  },
  {
    id: 'underline',
    label: 'toolbar.underline',
    icon: <u aria-hidden="true">U</u>,
    isActive: (editor) => editor.isActive('underline'),
    run: (chain) => chain.toggleUnderline(),
  },
  {
    id: 'heading2',
    label: 'toolbar.heading2',
    icon: <span aria-hidden="true">H2</span>,
    isActive: (editor) => editor.isActive('heading', { level: 2 }),
    run: (chain) => chain.toggleHeading({ level: 2 }),
  },
  {
    id: 'heading3',
    label: 'toolbar.heading3',
    icon: <span aria-hidden="true">H3</span>,
    isActive: (editor) => editor.isActive('heading', { level: 3 }),
    run: (chain) => chain.toggleHeading({ level: 3 }),
  },
  {
    id: 'bulletList',
    label: 'toolbar.bulletList',
    icon: svg(
      <>
        <circle cx="4" cy="5" r="1" fill="currentColor" />
        <circle cx="4" cy="10" r="1" fill="currentColor" />
        <circle cx="4" cy="15" r="1" fill="currentColor" />
        <path d="M8 5h9M8 10h9M8 15h9" />
      </>,
    ),
    isActive: (editor) => editor.isActive('bulletList'),
    run: (chain) => chain.toggleBulletList(),
  },
  {
    id: 'orderedList',
    label: 'toolbar.orderedList',
    icon: svg(
      <>
        <path d="M3 3.5h1.5v4M3 7.5h3M3 12.5h3l-3 4h3" strokeWidth="1.2" />
        <path d="M9 5h8M9 10h8M9 15h8" />
      </>,
    ),
    isActive: (editor) => editor.isActive('orderedList'),
    run: (chain) => chain.toggleOrderedList(),
  },
];

/** Inserting a table, always available. */
export const INSERT_TABLE: ToolbarAction = {
  id: 'insertTable',
  label: 'toolbar.insertTable',
  icon: svg(
    <>
      <rect x="2.5" y="3.5" width="15" height="13" rx="1" />
      <path d="M2.5 8h15M2.5 12.5h15M8 3.5v13M13 3.5v13" />
    </>,
  ),
  run: (chain) => chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
};

/** Growing and shrinking a table, shown while the selection is in one. */
export const TABLE_ACTIONS: ToolbarAction[] = [
  {
    id: 'addRow',
    label: 'toolbar.addRow',
    icon: svg(<path d="M3 6h14M3 10h14M10 12.5v5M7.5 15h5" />),
    run: (chain) => chain.addRowAfter(),
  },
  {
    id: 'deleteRow',
    label: 'toolbar.deleteRow',
    icon: svg(<path d="M3 6h14M3 10h14M7.5 15h5" />),
    run: (chain) => chain.deleteRow(),
  },
  {
    id: 'addColumn',
    label: 'toolbar.addColumn',
    icon: svg(<path d="M6 3v14M10 3v14M15 7.5v5M12.5 10h5" />),
    run: (chain) => chain.addColumnAfter(),
  },
  {
    id: 'deleteColumn',
    label: 'toolbar.deleteColumn',
    icon: svg(<path d="M6 3v14M10 3v14M12.5 10h5" />),
    run: (chain) => chain.deleteColumn(),
  },
];
