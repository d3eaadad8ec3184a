import { SUGGESTION_MARKER } from '@handlewithcare/prosemirror-suggest-changes';
import { planSchema } from '@plenary/editor';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import fc from 'fast-check';

/**
 * Random sections for property tests of code that reads or rewrites suggestion marks:
 * paragraphs, headings and bullet lists whose text and hard breaks carry insertions and
 * deletions of three authors (the same id always the same author's, as the server's check
 * makes sure), bold, boundary markers, and marks on whole blocks (insertions, deletions,
 * and heading changes as modifications).
 */
export const MARKED_DOC_AUTHORS = ['u-a', 'u-b', 'u-c'] as const;

const IDS = ['s1', 's2', 's3', 's4', 's5', 's6'] as const;
// Each id belongs to one author.
const authorOf = (id: string): string =>
  MARKED_DOC_AUTHORS[IDS.indexOf(id as (typeof IDS)[number]) % MARKED_DOC_AUTHORS.length] ?? 'u-a';

function suggestion(name: 'insertion' | 'deletion' | 'modification', id: string, extra = {}) {
  const type = planSchema().marks[name];
  if (!type) throw new Error(`no ${name} mark`);
  const authorId = authorOf(id);
  return type.create({ id, authorId, authorName: authorId, groupId: 'g1', at: 1, ...extra });
}

const markSet = fc
  .record({
    insertion: fc.option(fc.constantFrom(...IDS), { freq: 2 }),
    deletion: fc.option(fc.constantFrom(...IDS), { freq: 3 }),
    bold: fc.boolean(),
  })
  .map(({ insertion, deletion, bold }) => {
    const marks: Mark[] = [];
    const strong = planSchema().marks.bold;
    if (bold && strong) marks.push(strong.create());
    if (insertion) marks.push(suggestion('insertion', insertion));
    if (deletion) marks.push(suggestion('deletion', deletion));
    return marks;
  });

const inline = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        text: fc.string({
          unit: fc.constantFrom('a', 'b', ' ', SUGGESTION_MARKER),
          minLength: 1,
          maxLength: 3,
        }),
        marks: markSet,
      })
      .map(({ text, marks }) => planSchema().text(text, marks)),
  },
  {
    weight: 1,
    arbitrary: markSet.map((marks) => {
      const hardBreak = planSchema().nodes.hardBreak;
      if (!hardBreak) throw new Error('no hard break');
      return hardBreak.create(null, null, marks);
    }),
  },
);

const blockMarks = fc.option(
  fc.oneof(
    fc.constantFrom(...IDS).map((id) => [suggestion('insertion', id)]),
    fc.constantFrom(...IDS).map((id) => [suggestion('deletion', id)]),
  ),
  { freq: 4 },
);

const textblock = fc
  .record({
    heading: fc.boolean(),
    content: fc.array(inline, { maxLength: 8 }),
    marks: blockMarks,
    modified: fc.option(fc.constantFrom(...IDS), { freq: 4 }),
  })
  .map(({ heading, content, marks, modified }) => {
    const { paragraph, heading: headingType } = planSchema().nodes;
    if (!paragraph || !headingType) throw new Error('no paragraph or heading');
    const all = [...(marks ?? [])];
    if (heading && modified) {
      all.push(
        suggestion('modification', modified, {
          type: 'nodeType',
          previousValue: 'paragraph',
          newValue: 'heading',
        }),
      );
    }
    return heading
      ? headingType.create({ level: 2 }, content, all)
      : paragraph.create(null, content, all);
  });

const block = fc.oneof(
  { weight: 4, arbitrary: textblock },
  {
    weight: 1,
    arbitrary: fc.array(textblock, { minLength: 1, maxLength: 2 }).map((items) => {
      const { bulletList, listItem, paragraph } = planSchema().nodes;
      if (!bulletList || !listItem || !paragraph) throw new Error('no list');
      return bulletList.create(
        null,
        items.map((item) =>
          listItem.create(
            null,
            item.type === paragraph ? item : paragraph.create(null, item.content),
          ),
        ),
      );
    }),
  },
);

/** A section: one to five blocks. */
export const markedDoc: fc.Arbitrary<ProseMirrorNode> = fc
  .array(block, { minLength: 1, maxLength: 5 })
  .map((blocks) => planSchema().topNodeType.create(null, blocks));
