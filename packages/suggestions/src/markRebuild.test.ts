import { planSchema } from '@plenary/editor';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withMarksAdded, withoutMarksWhere } from './markRebuild.ts';
import { MARKED_DOC_AUTHORS, markedDoc } from './testing/randomMarkedDocs.ts';

// The same changes made the usual way, a step per node.
function removedByTransform(doc: ProseMirrorNode, drop: (mark: Mark) => boolean) {
  const tr = new Transform(doc);
  doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (!drop(mark)) continue;
      if (node.isText) tr.removeMark(pos, pos + node.nodeSize, mark);
      else tr.removeNodeMark(pos, mark);
    }
  });
  return tr.doc;
}

function addedByTransform(
  doc: ProseMirrorNode,
  additions: { from: number; to: number; mark: Mark }[],
) {
  const tr = new Transform(doc);
  for (const { from, to, mark } of additions) tr.addMark(from, to, mark);
  return tr.doc;
}

// Disjoint ranges inside the document, from sorted cut points taken in pairs.
const additionsFor = (doc: ProseMirrorNode) =>
  fc.uniqueArray(fc.integer({ min: 0, max: doc.content.size }), { maxLength: 8 }).chain((cuts) =>
    fc
      .array(fc.constantFrom('insertion', 'bold', 'italic'), {
        minLength: cuts.length,
        maxLength: cuts.length,
      })
      .map((names) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const additions = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) {
          const type = planSchema().marks[names[i] ?? 'bold'];
          if (!type) continue;
          const attrs = type.name === 'insertion' ? { id: `n${i}`, authorId: 'u-a' } : null;
          additions.push({
            from: sorted[i] ?? 0,
            to: sorted[i + 1] ?? 0,
            mark: type.create(attrs),
          });
        }
        return additions;
      }),
  );

describe('withoutMarksWhere', () => {
  it('gives the document a step per node gives', () => {
    fc.assert(
      fc.property(
        markedDoc,
        fc.constantFrom(...MARKED_DOC_AUTHORS),
        fc.boolean(),
        (doc, author, deletionsOnly) => {
          const drop = (mark: Mark) =>
            mark.attrs.authorId === author && (!deletionsOnly || mark.type.name === 'deletion');
          expect(withoutMarksWhere(doc, drop).eq(removedByTransform(doc, drop))).toBe(true);
        },
      ),
      { numRuns: 1_000, seed: 7 },
    );
  });

  it('keeps the very nodes it has nothing to take off', () => {
    const doc = planSchema().node('doc', null, [
      planSchema().node('paragraph', null, [planSchema().text('plain')]),
    ]);
    expect(withoutMarksWhere(doc, () => true)).toBe(doc);
  });
});

describe('withMarksAdded', () => {
  it('gives back the very document when every mark was there already', () => {
    const schema = planSchema();
    const bold = schema.marks.bold?.create();
    if (!bold) throw new Error('no bold mark');
    const doc = schema.node('doc', null, [
      schema.node('paragraph', null, [schema.text('bold words', [bold])]),
    ]);
    expect(withMarksAdded(doc, [{ from: 2, to: 6, mark: bold }])).toBe(doc);
    expect(
      withMarksAdded(doc, [
        { from: 2, to: 6, mark: bold },
        { from: 6, to: 8, mark: schema.marks.italic?.create() ?? bold },
      ]),
    ).not.toBe(doc);
  });

  it('gives the document a step per addition gives', () => {
    fc.assert(
      fc.property(
        markedDoc.chain((doc) => additionsFor(doc).map((additions) => ({ doc, additions }))),
        ({ doc, additions }) => {
          expect(withMarksAdded(doc, additions).eq(addedByTransform(doc, additions))).toBe(true);
        },
      ),
      { numRuns: 1_000, seed: 11 },
    );
  });
});
