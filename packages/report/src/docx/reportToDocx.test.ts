import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { samplePlanDoc } from '../../test-support/samplePlan.ts';
import { exportReport } from '../exportReport.ts';
import type { ReportOptions } from '../reportTypes.ts';

const OPTIONS: ReportOptions = {
  suggestions: 'omit',
  annexes: {
    decisionLog: [
      {
        at: '2026-03-12T03:05:00Z',
        sectionTitle: 'Purpose',
        decision: 'Agreed as drafted',
        by: 'Focal point',
      },
    ],
    participantsByGroup: [{ group: 'Group 1', names: ['Dara', 'Sophea'] }],
  },
  meta: { date: '12-13 March 2026', venue: 'Phnom Penh', timeZone: 'Asia/Phnom_Penh' },
};

async function partsOf(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve('');
  return {
    document: await read('word/document.xml'),
    numbering: await read('word/numbering.xml'),
    relations: await read('word/_rels/document.xml.rels'),
  };
}

describe('DOCX report', () => {
  it('has a title page, the text, real Word numbering, tables and links', async () => {
    const file = await exportReport(samplePlanDoc(), 'docx', OPTIONS);
    expect(file.fileName).toBe('Cambodia-National-Action-Plan-on-R2P.docx');
    const { document, numbering, relations } = await partsOf(file.bytes);
    expect(document).toContain('<w:pStyle w:val="Title"/>');
    for (const expected of ['Cambodia National Action Plan on R2P', 'Phnom Penh', 'ក្រុមទី២']) {
      expect(document).toContain(expected);
    }
    // Group colours on the title page
    expect(document).toContain('w:val="1F77B4"');
    expect(document).toContain('គ្រូបង្រៀនត្រូវរៀបចំផែនការសកម្មភាពជាតិ។');
    // Two tables: the risk register and the decision log annex
    expect(document.match(/<w:tbl>/g)).toHaveLength(2);
    expect(document).toContain('Ministry of Interior');
    expect(document).toContain('<w:tblHeader/>');
    expect(document).toContain('12 Mar 2026, 10:05');
    // Lists are Word numbering (w:numPr), nested one level deep, with a list starting at 3
    expect(document).toMatch(/<w:numPr><w:ilvl w:val="1"\/>/);
    expect(numbering).toContain('w:val="bullet"');
    expect(numbering).toMatch(/<w:start w:val="3"\/>/);
    expect(relations).toContain('Target="https://example.org/r2p_(plan)"');
    expect(document).toContain('<w:hyperlink');
    expect(document).toContain('Sophea');
    expect(document).not.toContain('<w:ins ');
  });
});
