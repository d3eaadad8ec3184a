import { TABLE_BOX_CLASS } from '@plenary/editor/classNames';
import { type CSSProperties, Fragment, type ReactNode } from 'react';
import type { BlockComment, CharacterIds } from './commentWords.ts';
import type { TextRun, TreeElement, TreeMark, TreeNode } from './sectionTree.ts';

/** The class of new text marked on the projector (its fade is in projector.css). */
export const HIGHLIGHT_CLASS = 'live-highlight';
/** The class of commented words, as the editor's comment highlights have it. */
export const COMMENT_CLASS = 'comment-highlight';

/** New text to mark in a block: characters `from` to `to` (exclusive) of one Yjs client. */
export interface BlockHighlight {
  client: number;
  from: number;
  to: number;
  color: string;
  groupId: string | null;
  /** 1 when new, fading to 0. */
  strength: number;
}

/** Picks the colour of a group for its suggestions; undefined leaves it to the stylesheet. */
export type GroupColor = (groupId: string | null) => string | undefined;

/**
 * A piece of a paragraph: text (perhaps newly arrived, perhaps commented) or a line
 * break, with its marks.
 */
interface Segment {
  text: string | null;
  marks: TreeMark[];
  highlight: BlockHighlight | null;
  /** The threads whose words these are. */
  comments: readonly BlockComment[];
  /** The threads whose words end here: their markers follow. */
  ending: readonly BlockComment[];
}

/** What is drawn over a block's text besides its marks. */
interface Overlay {
  highlights: readonly BlockHighlight[];
  comments: readonly BlockComment[];
  groupColor: GroupColor;
}

/** Protocols a link may open, as the editor's link extension allows them. */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** A link's address if it is safe to open; a `javascript:` link in the text is drawn inert. */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  try {
    return LINK_PROTOCOLS.has(new URL(href, 'https://relative.invalid/').protocol)
      ? href
      : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The attributes of a suggestion mark in the DOM, as the editor's marks render them. */
function suggestionProps(attrs: Record<string, unknown>, groupColor: GroupColor) {
  const groupId = typeof attrs.groupId === 'string' ? attrs.groupId : null;
  const color = groupColor(groupId);
  return {
    'data-suggestion-id': String(attrs.id ?? ''),
    'data-author-id': String(attrs.authorId ?? ''),
    'data-author-name': String(attrs.authorName ?? ''),
    ...(groupId ? { 'data-group-id': groupId } : {}),
    ...(color ? { style: { textDecorationColor: color } } : {}),
  };
}

function markElement(mark: TreeMark, children: ReactNode, key: number, groupColor: GroupColor) {
  switch (mark.type) {
    case 'link':
      return (
        <a
          key={key}
          href={safeHref(mark.attrs.href)}
          target="_blank"
          rel="noopener noreferrer nofollow"
        >
          {children}
        </a>
      );
    case 'bold':
      return <strong key={key}>{children}</strong>;
    case 'italic':
      return <em key={key}>{children}</em>;
    case 'strike':
      return <s key={key}>{children}</s>;
    case 'underline':
      return <u key={key}>{children}</u>;
    case 'insertion':
      return (
        <ins key={key} {...suggestionProps(mark.attrs, groupColor)}>
          {children}
        </ins>
      );
    case 'deletion':
      return (
        <del key={key} {...suggestionProps(mark.attrs, groupColor)}>
          {children}
        </del>
      );
    case 'modification':
      return (
        <div key={key} {...suggestionProps(mark.attrs, groupColor)} data-suggestion="modification">
          {children}
        </div>
      );
    default:
      return children;
  }
}

const sameMark = (a: TreeMark | undefined, b: TreeMark | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.type === b.type &&
    JSON.stringify(a.attrs) === JSON.stringify(b.attrs));

/**
 * Segments nested in their marks: neighbours that share a mark share its element, as in
 * the editor, so a suggestion typed in several goes is one `<ins>`.
 */
function nest(segments: Segment[], depth: number, groupColor: GroupColor): ReactNode[] {
  const nodes: ReactNode[] = [];
  let index = 0;
  while (index < segments.length) {
    const first = segments[index] as Segment;
    const mark = first.marks[depth];
    if (!mark) {
      nodes.push(leaf(first, index));
      index++;
      continue;
    }
    let end = index + 1;
    while (end < segments.length && sameMark(segments[end]?.marks[depth], mark)) end++;
    nodes.push(
      markElement(mark, nest(segments.slice(index, end), depth + 1, groupColor), index, groupColor),
    );
    index = end;
  }
  return nodes;
}

function highlighted(text: string, highlight: BlockHighlight | null): ReactNode {
  if (!highlight) return text;
  const style = {
    '--highlight-color': highlight.color,
    '--highlight-strength': highlight.strength.toFixed(2),
  } as CSSProperties;
  return (
    <span
      className={HIGHLIGHT_CLASS}
      data-testid={HIGHLIGHT_CLASS}
      data-color={highlight.color}
      data-group={highlight.groupId ?? ''}
      style={style}
    >
      {text}
    </span>
  );
}

/**
 * Text with its new-text highlight, inside one highlight per thread whose words it is,
 * followed by the numbers of the threads whose words end with it: the numbers of the list
 * beside the text, for the eye only (the list says what each thread is).
 */
function leaf(segment: Segment, key: number): ReactNode {
  if (segment.text === null) return <br key={key} />;
  const { comments, ending } = segment;
  if (!segment.highlight && comments.length === 0 && ending.length === 0) return segment.text;
  const words = comments.reduceRight<ReactNode>(
    (inner, comment) => (
      <span key={comment.threadId} className={COMMENT_CLASS} data-thread-id={comment.threadId}>
        {inner}
      </span>
    ),
    highlighted(segment.text, segment.highlight),
  );
  return (
    <Fragment key={key}>
      {words}
      {ending.map((comment) => (
        <span
          key={comment.threadId}
          className="comment-marker"
          data-thread-id={comment.threadId}
          aria-hidden="true"
        >
          {comment.count}
        </span>
      ))}
    </Fragment>
  );
}

/** Whether `ranges` hold the character `clock` of `client`. */
const holds = (ranges: readonly CharacterIds[], client: number, clock: number) =>
  ranges.some((range) => range.client === client && range.from <= clock && clock < range.to);

/** A run cut where new text and commented words start and end. */
function runSegments(run: TextRun, { highlights, comments }: Overlay): Segment[] {
  const cuts = new Set([0, run.text.length]);
  const mine = highlights.filter((highlight) => highlight.client === run.client);
  const ranges = [...mine, ...comments.flatMap((comment) => comment.characters)];
  for (const { client, from, to } of ranges) {
    if (client !== run.client) continue;
    cuts.add(Math.min(Math.max(from - run.clock, 0), run.text.length));
    cuts.add(Math.min(Math.max(to - run.clock, 0), run.text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index] as number;
    const end = points[index + 1] as number;
    const clock = run.clock + start;
    const lastClock = run.clock + end - 1;
    const highlight = mine.find(({ from, to }) => from <= clock && clock < to) ?? null;
    segments.push({
      text: run.text.slice(start, end),
      marks: run.marks,
      highlight,
      comments: comments.filter((comment) => holds(comment.characters, run.client, clock)),
      ending: comments.filter(
        ({ last }) => last !== null && last.client === run.client && last.clock === lastClock,
      ),
    });
  }
  return segments;
}

const sameHighlight = (a: BlockHighlight | null, b: BlockHighlight | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.color === b.color &&
    a.groupId === b.groupId &&
    a.strength === b.strength);

const sameComments = (a: readonly BlockComment[], b: readonly BlockComment[]) =>
  a.length === b.length && a.every((comment, index) => comment.threadId === b[index]?.threadId);

/**
 * Neighbouring text with the same marks, highlight and comments as one piece, as the
 * editor joins it into one text node: a phrase typed key by key is one highlight, not one
 * per key. A piece a thread's marker follows ends there.
 */
function joined(segments: Segment[]): Segment[] {
  const result: Segment[] = [];
  for (const segment of segments) {
    const last = result[result.length - 1];
    if (
      last &&
      last.text !== null &&
      segment.text !== null &&
      last.ending.length === 0 &&
      sameComments(last.comments, segment.comments) &&
      sameHighlight(last.highlight, segment.highlight) &&
      last.marks.length === segment.marks.length &&
      last.marks.every((mark, index) => sameMark(mark, segment.marks[index]))
    ) {
      result[result.length - 1] = {
        ...last,
        text: last.text + segment.text,
        ending: segment.ending,
      };
    } else {
      result.push(segment);
    }
  }
  return result;
}

const NOTHING: readonly BlockComment[] = [];

function inline(children: TreeNode[], overlay: Overlay): ReactNode[] {
  const segments: Segment[] = [];
  for (const child of children) {
    if (child.kind === 'text') segments.push(...runSegments(child, overlay));
    else if (child.name === 'hardBreak')
      segments.push({
        text: null,
        marks: child.marks,
        highlight: null,
        comments: NOTHING,
        ending: NOTHING,
      });
  }
  // An empty paragraph still takes a line, as in the editor.
  return segments.length === 0
    ? [<br key="empty" />]
    : nest(joined(segments), 0, overlay.groupColor);
}

const count = (value: unknown) => (typeof value === 'number' && value !== 1 ? value : undefined);

function nodeElement(node: TreeElement, key: number, overlay: Overlay): ReactNode {
  const drawn = bareElement(node, key, overlay);
  // A node's own marks (a suggested paragraph, a changed heading) wrap it, outermost first.
  return node.marks.reduceRight<ReactNode>(
    (children, mark, index) =>
      markElement(mark, children, index === 0 ? key : 0, overlay.groupColor),
    drawn,
  );
}

function bareElement(node: TreeElement, key: number, overlay: Overlay): ReactNode {
  const blocks = () =>
    node.children.map((child, index) =>
      child.kind === 'element' ? nodeElement(child, index, overlay) : null,
    );
  const { attrs } = node;
  switch (node.name) {
    case 'paragraph':
      return <p key={key}>{inline(node.children, overlay)}</p>;
    case 'heading': {
      const level = attrs.level === 3 || attrs.level === 4 ? attrs.level : 2;
      const Heading = `h${level}` as const;
      return <Heading key={key}>{inline(node.children, overlay)}</Heading>;
    }
    case 'bulletList':
      return <ul key={key}>{blocks()}</ul>;
    case 'orderedList':
      return (
        <ol
          key={key}
          start={count(attrs.start)}
          type={text(attrs.type) && attrs.type !== '1' ? (attrs.type as 'a') : undefined}
        >
          {blocks()}
        </ol>
      );
    case 'listItem':
      return <li key={key}>{blocks()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{blocks()}</blockquote>;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'table':
      return (
        <div key={key} className={TABLE_BOX_CLASS}>
          <table>
            <tbody>{blocks()}</tbody>
          </table>
        </div>
      );
    case 'tableRow':
      return <tr key={key}>{blocks()}</tr>;
    case 'tableHeader':
    case 'tableCell': {
      const Cell = node.name === 'tableHeader' ? 'th' : 'td';
      return (
        <Cell key={key} colSpan={count(attrs.colspan)} rowSpan={count(attrs.rowspan)}>
          {blocks()}
        </Cell>
      );
    }
    default:
      // A node the schema does not know: the editor drops it too.
      return null;
  }
}

/**
 * A block of a section as the editor draws it read-only: the same elements, classes and
 * suggestion attributes (so the editor's stylesheet and the presenter's block positions
 * apply), with new text marked by `highlights` and the words of `comments` numbered.
 */
export function blockElement(
  node: TreeElement,
  highlights: readonly BlockHighlight[],
  groupColor: GroupColor,
  comments: readonly BlockComment[] = NOTHING,
): ReactNode {
  return nodeElement(node, 0, { highlights, comments, groupColor });
}
