/**
 * Plans for the tests: one section body with every node and mark the plan schema supports
 * (with Khmer text).
 */
import { writeRichText } from '@plenary/editor';
import { initPlan, type RichTextDoc, type RichTextNode, sectionFragmentName } from '@plenary/model';
import * as Y from 'yjs';

type MarkSpec = { type: string; attrs?: Record<string, unknown> };

/** A text node with marks given by name (or as full specs). */
export const text = (value: string, ...marks: (string | MarkSpec)[]): RichTextNode => ({
  type: 'text',
  text: value,
  ...(marks.length > 0
    ? { marks: marks.map((mark) => (typeof mark === 'string' ? { type: mark } : mark)) }
    : {}),
});

const block = (type: string, content: RichTextNode[], attrs?: Record<string, unknown>) => ({
  type,
  ...(attrs ? { attrs } : {}),
  content,
});
const p = (...content: RichTextNode[]) => block('paragraph', content);
const item = (...content: RichTextNode[]) => block('listItem', content);
const cell = (type: 'tableHeader' | 'tableCell', value: string) => block(type, [p(text(value))]);

/** A Khmer sentence with stacked subscripts and ូ after ្រ. */
export const KHMER_SENTENCE = 'គ្រូបង្រៀនត្រូវរៀបចំផែនការសកម្មភាពជាតិ។';

/** A section body with every supported node and mark. */
export const EVERY_NODE: RichTextDoc = {
  type: 'doc',
  content: [
    block('heading', [text('Objectives')], { level: 2 }),
    p(
      text('Plain, '),
      text('bold', 'bold'),
      text(', '),
      text('italic', 'italic'),
      text(', '),
      text('underlined', 'underline'),
      text(', '),
      text('struck', 'strike'),
      text(', '),
      text('both', 'bold', 'italic'),
      text(' and '),
      text('a link', { type: 'link', attrs: { href: 'https://example.org/r2p_(plan)' } }),
      text('.'),
      { type: 'hardBreak' },
      text('After a break: 1 | 2 * 3 <tag> & more'),
    ),
    p(text(KHMER_SENTENCE)),
    block('heading', [text('Actions')], { level: 3 }),
    block('bulletList', [
      item(
        p(text('First bullet')),
        block('orderedList', [item(p(text('Nested three'))), item(p(text('Nested four')))], {
          start: 3,
        }),
      ),
      item(p(text('Second bullet')), p(text('Second paragraph of the item'))),
    ]),
    block('orderedList', [item(p(text('Step one'))), item(p(text('Step two')))], { start: 1 }),
    block('blockquote', [p(text('A quoted recommendation.'))]),
    { type: 'horizontalRule' },
    block('heading', [text('Risk register')], { level: 4 }),
    block('table', [
      block('tableRow', [cell('tableHeader', 'Risk factor'), cell('tableHeader', 'Institution')]),
      block('tableRow', [
        cell('tableCell', 'Weak State structures'),
        cell('tableCell', 'Ministry of Interior'),
      ]),
      block('tableRow', [cell('tableCell', 'កត្តាហានិភ័យ'), cell('tableCell', 'a | b')]),
    ]),
  ],
};

/** A plan Y.Doc with two groups and two sections, the first holding `body`. */
export function samplePlanDoc(body: RichTextDoc = EVERY_NODE): Y.Doc {
  const doc = new Y.Doc();
  const [first, second] = initPlan(doc, {
    title: 'Cambodia National Action Plan on R2P',
    groups: [
      { id: 'g1', name: 'Group 1', color: '#1f77b4', archived: false },
      { id: 'g2', name: 'ក្រុមទី២', color: '#d62728', archived: false },
    ],
    sections: [
      { title: 'Purpose and objectives', groupId: 'g1' },
      { title: 'ការអនុវត្ត', groupId: null },
    ],
  });
  writeRichText(doc.getXmlFragment(sectionFragmentName(first ?? '')), body);
  writeRichText(doc.getXmlFragment(sectionFragmentName(second ?? '')), {
    type: 'doc',
    content: [p(text(KHMER_SENTENCE))],
  });
  return doc;
}
