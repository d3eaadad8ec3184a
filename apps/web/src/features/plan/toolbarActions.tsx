import type { TableCommands } from '@plenary/editor';
import type { ChainedCommands, Command, Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import type { en } from '../../i18n/en.ts';

/** A toolbar button: what it is called and how it looks. */
export interface ToolbarButton {
  id: string;
  label: `toolbar.${keyof typeof en.toolbar}`;
  icon: ReactNode;
}

/** A formatting button, and what it does to the focused editor. */
export interface ToolbarAction extends ToolbarButton {
  /** For toggles: whether the selection already has it (shown as pressed). */
  isActive?: (editor: Editor) => boolean;
  run: (chain: ChainedCommands) => ChainedCommands;
}

/** A table button, and the table command it runs (table editing has them, see EditorToolbar). */
export interface TableAction extends ToolbarButton {
  command: (commands: TableCommands) => Command;
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

// Marks and lists toggle by their schema name, so one shape serves each kind.
const markAction = (id: 'bold' | 'italic' | 'underline', icon: ReactNode): ToolbarAction => ({
  id,
  label: `toolbar.${id}`,
  icon,
  isActive: (editor) => editor.isActive(id),
  run: (chain) => chain.toggleMark(id),
});

const headingAction = (level: 2 | 3): ToolbarAction => ({
  id: `heading${level}`,
  label: `toolbar.heading${level}`,
  icon: <span aria-hidden="true">H{level}</span>,
  isActive: (editor) => editor.isActive('heading', { level }),
  run: (chain) => chain.toggleHeading({ level }),
});

const listAction = (id: 'bulletList' | 'orderedList', icon: ReactNode): ToolbarAction => ({
  id,
  label: `toolbar.${id}`,
  icon,
  isActive: (editor) => editor.isActive(id),
  run: (chain) => chain.toggleList(id, 'listItem'),
});

/** Text formatting and block types, in the order the toolbar shows them. */
export const FORMAT_ACTIONS: ToolbarAction[] = [
  markAction('bold', <strong aria-hidden="true">B</strong>),
  markAction('italic', <em aria-hidden="true">I</em>),
  markAction('underline', <u aria-hidden="true">U</u>),
  headingAction(2),
  headingAction(3),
  listAction(
    'bulletList',
    svg(
      <>
        <circle cx="4" cy="5" r="1" fill="currentColor" />
        <circle cx="4" cy="10" r="1" fill="currentColor" />
        <circle cx="4" cy="15" r="1" fill="currentColor" />
        <path d="M8 5h9M8 10h9M8 15h9" />
      </>,
    ),
  ),
  listAction(
    'orderedList',
    svg(
      <>
        <path d="M3 3.5h1.5v4M3 7.5h3M3 12.5h3l-3 4h3" strokeWidth="1.2" />
        <path d="M9 5h8M9 10h8M9 15h8" />
      </>,
    ),
  ),
];

/** The link button's icon (the button opens a form rather than running a command). */
export const LINK_ICON = svg(
  <>
    <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5L10 5" />
    <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" />
  </>,
);

/** Inserting a table, always available. */
export const INSERT_TABLE: TableAction = {
  id: 'insertTable',
  label: 'toolbar.insertTable',
  icon: svg(
    <>
      <rect x="2.5" y="3.5" width="15" height="13" rx="1" />
      <path d="M2.5 8h15M2.5 12.5h15M8 3.5v13M13 3.5v13" />
    </>,
  ),
  command: (commands) => commands.insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
};

/** Growing and shrinking a table, shown while the selection is in one. */
export const TABLE_ACTIONS: TableAction[] = [
  {
    id: 'addRow',
    label: 'toolbar.addRow',
    icon: svg(<path d="M3 6h14M3 10h14M10 12.5v5M7.5 15h5" />),
    command: (commands) => commands.addRowAfter(),
  },
  {
    id: 'deleteRow',
    label: 'toolbar.deleteRow',
    icon: svg(<path d="M3 6h14M3 10h14M7.5 15h5" />),
    command: (commands) => commands.deleteRow(),
  },
  {
    id: 'addColumn',
    label: 'toolbar.addColumn',
    icon: svg(<path d="M6 3v14M10 3v14M15 7.5v5M12.5 10h5" />),
    command: (commands) => commands.addColumnAfter(),
  },
  {
    id: 'deleteColumn',
    label: 'toolbar.deleteColumn',
    icon: svg(<path d="M6 3v14M10 3v14M12.5 10h5" />),
    command: (commands) => commands.deleteColumn(),
  },
];
