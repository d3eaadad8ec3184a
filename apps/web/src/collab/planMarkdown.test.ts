import { writeRichText } from '@plenary/editor';
import {
  bulletList,
  heading,
  initPlan,
  paragraph,
  richTextDoc,
  sectionFragmentName,
} from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planMarkdown } from './planMarkdown.ts';

describe('planMarkdown', () => {
  it('writes the title, every section and its blocks, escaping what would read as syntax', () => {
    const doc = new Y.Doc();
    initPlan(doc, {
      title: 'National Action Plan',
      groups: [],
      sections: [
        { id: 'goals', title: 'Goals', groupId: null },
        { id: 'risks', title: 'Risks', groupId: null },
      ],
    });
    writeRichText(
      doc.getXmlFragment(sectionFragmentName('goals')),
      richTextDoc(heading(2, 'Prevention'), paragraph('Protect *all* people.')),
    );
    writeRichText(
      doc.getXmlFragment(sectionFragmentName('risks')),
      richTextDoc(bulletList(['Hate speech', 'ព្រំដែន'])),
    );
    expect(planMarkdown(doc)).toBe(
      [
        '# National Action Plan',
        '',
        '## Goals',
        '',
        '### Prevention',
        '',
        'Protect \\*all\\* people.',
        '',
        '## Risks',
        '',
        '- Hate speech',
        '- ព្រំដែន',
        '',
      ].join('\n'),
    );
  });
});
