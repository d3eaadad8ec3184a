import { describe, expect, it } from 'vitest';
import type { RichTextDoc, RichTextNode } from '../richText.ts';
import { defaultGroups } from './defaultGroups.ts';
import { PLAN_TEMPLATES } from './index.ts';

const KHMER = /[\u1780-\u17FF]/;

/** Every text of a body, and its shape with the text left out (types, nesting, table size). */
function read(node: RichTextDoc | RichTextNode): { texts: string[]; shape: unknown } {
  if (node.type === 'text') return { texts: [node.text ?? ''], shape: 'text' };
  const children = (node.content ?? []).map(read);
  return {
    texts: children.flatMap((child) => child.texts),
    shape: [node.type, node.attrs ?? null, children.map((child) => child.shape)],
  };
}

describe('the R2P template in Khmer', () => {
  const english = PLAN_TEMPLATES['r2p-nap'];
  const khmer = PLAN_TEMPLATES['r2p-nap-km'];

  it('has the same sections, groups and structure as the English one', () => {
    expect(khmer.sections.map((s) => s.groupId)).toEqual(english.sections.map((s) => s.groupId));
    khmer.sections.forEach((section, i) => {
      const other = english.sections[i];
      if (!other) throw new Error(`English has no section ${i}`);
      expect(read(section.body).shape).toEqual(read(other.body).shape);
    });
  });

  it('is Khmer throughout: titles, guidance, table headings and the 14 risk factors', () => {
    for (const section of khmer.sections) {
      expect(section.title).toMatch(KHMER);
      for (const text of read(section.body).texts) expect(text, text).toMatch(KHMER);
    }
    const risks = read(khmer.sections[2]?.body ?? { type: 'doc' }).texts;
    expect(risks).toContain('១. ស្ថានភាពជម្លោះប្រដាប់អាវុធ ឬអស្ថិរភាពក្នុងទម្រង់ផ្សេងទៀត');
    expect(risks.filter((text) => /^[០-៩]+\. /.test(text))).toHaveLength(14);
    expect(risks).toContain(
      '១៤. ការគំរាមកំហែងធ្ងន់ធ្ងរចំពោះប្រតិបត្តិការមនុស្សធម៌ ឬប្រតិបត្តិការរក្សាសន្តិភាព (ឧក្រិដ្ឋកម្មសង្គ្រាម)',
    );
  });

  it('names its groups in Khmer, and the English template keeps "Group 1"', () => {
    expect(defaultGroups(khmer.groupNames).map((group) => group.name)).toEqual([
      'ក្រុមទី១',
      'ក្រុមទី២',
      'ក្រុមទី៣',
    ]);
    expect(defaultGroups(english.groupNames)[0]?.name).toBe('Group 1');
  });
});
