/**
 * A section's rich text read straight from its Yjs fragment, in the format the editor's
 * binding writes (y-prosemirror's: an element per node, named by its type, with the node's
 * attributes and its marks as JSON in `nodeMarks`; text as Y.XmlText whose formatting
 * attributes are the marks). The projector draws this without loading the editor.
 */
import * as Y from 'yjs';

/** A mark as the binding keeps it. */
export interface TreeMark {
  type: string;
  attrs: Record<string, unknown>;
}

/** Characters one client wrote in one go, with their marks (each item of a Y.XmlText). */
export interface TextRun {
  kind: 'text';
  text: string;
  marks: TreeMark[];
  /** The Yjs id of the first character: new text is found by it. */
  client: number;
  clock: number;
}

/** A node of the plan schema (paragraph, heading, list, table, hard break, …). */
export interface TreeElement {
  kind: 'element';
  name: string;
  attrs: Record<string, unknown>;
  marks: TreeMark[];
  children: TreeNode[];
}

/** What a section's text is made of. */
export type TreeNode = TextRun | TreeElement;

/** A child of a section's fragment: a block (the binding puts only elements there). */
export type SectionBlock = ReturnType<Y.XmlFragment['toArray']>[number];

/**
 * The marks the schema knows, outermost first, as the editor nests them: link (TipTap
 * gives it a higher priority), the formatting marks in StarterKit's order, then the
 * suggestion marks. A mark the schema does not know is dropped, as the editor drops it.
 */
export const MARK_ORDER = [
  'link',
  'bold',
  'italic',
  'strike',
  'underline',
  'insertion',
  'deletion',
  'modification',
] as const;

/** The attribute in which the binding keeps a block's marks (see suggestionMarks.ts). */
const NODE_MARKS_ATTRIBUTE = 'nodeMarks';
/** What the binding keeps in a mark's value beside its attributes (see the y-tiptap patch). */
const SEEN_KEY = 'ySeen';

const rank = (type: string) => MARK_ORDER.indexOf(type as (typeof MARK_ORDER)[number]);

function byRank(marks: TreeMark[]): TreeMark[] {
  return marks.filter((mark) => rank(mark.type) >= 0).sort((a, b) => rank(a.type) - rank(b.type));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The marks of formatting attributes. A mark type that may overlap itself is kept under
 * `type--hash` so that several can sit side by side.
 */
function marksOfFormat(format: ReadonlyMap<string, unknown>): TreeMark[] {
  const marks: TreeMark[] = [];
  for (const [key, value] of format) {
    if (!isRecord(value)) continue;
    const { [SEEN_KEY]: _seen, ...attrs } = value;
    marks.push({ type: key.split('--')[0] ?? key, attrs });
  }
  return byRank(marks);
}

function marksOfNode(json: unknown): TreeMark[] {
  if (!Array.isArray(json)) return [];
  return byRank(
    json.filter(isRecord).map((mark) => ({
      type: String(mark.type),
      attrs: isRecord(mark.attrs) ? mark.attrs : {},
    })),
  );
}

/**
 * The runs of a text, one per Yjs item: formatting items set or clear attributes for
 * what follows them, as in `Y.Text#toDelta`, but each item's id is kept.
 */
export function readText(text: Y.XmlText): TextRun[] {
  const runs: TextRun[] = [];
  const format = new Map<string, unknown>();
  let marks: TreeMark[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const { content } = item;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) format.delete(content.key);
      else format.set(content.key, content.value);
      marks = marksOfFormat(format);
    } else if (content instanceof Y.ContentString) {
      runs.push({
        kind: 'text',
        text: content.str,
        marks,
        client: item.id.client,
        clock: item.id.clock,
      });
    }
  }
  return runs;
}

/** An element and everything in it. */
export function readElement(element: Y.XmlElement): TreeElement {
  const { [NODE_MARKS_ATTRIBUTE]: nodeMarks, ...attrs } = element.getAttributes() as Record<
    string,
    unknown
  >;
  const children: TreeNode[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) children.push(...readText(child));
    else if (child instanceof Y.XmlElement) children.push(readElement(child));
  }
  return {
    kind: 'element',
    name: element.nodeName,
    attrs,
    marks: marksOfNode(nodeMarks),
    children,
  };
}

/**
 * The block of `fragment` (one of its children) that holds the character `clock` of
 * `client`, or null when that character is not in the fragment.
 */
export function blockOf(
  fragment: Y.XmlFragment,
  client: number,
  clock: number,
): SectionBlock | null {
  const doc = fragment.doc;
  if (!doc) return null;
  let item: Y.Item | null;
  try {
    const struct = Y.getItem(doc.store, Y.createID(client, clock));
    item = struct instanceof Y.Item ? struct : null;
  } catch {
    // Yjs throws for an id it does not hold.
    return null;
  }
  while (item) {
    const parent = item.parent;
    if (parent === fragment)
      return item.content instanceof Y.ContentType ? (item.content.type as SectionBlock) : null;
    item = parent instanceof Y.AbstractType ? parent._item : null;
  }
  return null;
}
