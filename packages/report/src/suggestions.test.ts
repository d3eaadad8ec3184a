import { planSchema } from '@plenary/editor';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../test-support/popplerTools.ts';
import { text } from '../test-support/samplePlan.ts';
import { reportToDocx } from './docx/reportToDocx.ts';
import { reportToHtml } from './html/reportToHtml.ts';
import { reportToMarkdown } from './markdown/reportToMarkdown.ts';
import { reportToPdf } from './pdf/reportToPdf.ts';
import { buildReport, type ReportPlan } from './reportDocument.ts';
import type { SuggestionChoice } from './reportTypes.ts';

const suggestion = (kind: 'insertion' | 'deletion', authorName: string) => ({
  type: kind,
  attrs: {
    id: `${kind}-1`,
    authorId: 'p1',
    authorName,
    groupId: 'g2',
    at: Date.UTC(2026, 2, 12, 3, 5),
  },
});

// A section with one suggested insertion and one suggested deletion, in the editor's marks.
function planWithSuggestions(): ReportPlan {
  const body = planSchema().nodeFromJSON({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          text('The ministry '),
          text('shall', suggestion('deletion', 'Sokha')),
          text('will', suggestion('insertion', 'Dara')),
          text(' report yearly.'),
        ],
      },
    ],
  });
  return {
    title: 'Plan',
    groups: [{ id: 'g2', name: 'Group 2', color: '#d62728' }],
    sections: [{ title: 'Monitoring', groupId: 'g2', body }],
  };
}

const report = (suggestions: SuggestionChoice) =>
  buildReport(planWithSuggestions(), {
    suggestions,
    annexes: {},
    meta: { date: '12 March 2026', venue: 'Phnom Penh' },
  });

describe('pending suggestions', () => {
  it('become Word tracked changes with author and date when asked for', async () => {
    const zip = await JSZip.loadAsync(await reportToDocx(report('tracked')));
    const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(document).toMatch(
      /<w:ins w:id="\d+" w:author="Dara" w:date="2026-03-12T03:05:00.000Z">/,
    );
    expect(document).toMatch(
      /<w:del w:id="\d+" w:author="Sokha" w:date="2026-03-12T03:05:00.000Z">/,
    );
    expect(document).toContain('<w:delText xml:space="preserve">shall</w:delText>');
  });

  it('are left out when omitted: insertions dropped, text proposed for deletion kept', async () => {
    const zip = await JSZip.loadAsync(await reportToDocx(report('omit')));
    const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(document).not.toMatch(/<w:(ins|del) /);
    expect(document).not.toContain('will');
    expect(reportToMarkdown(report('omit'))).toContain('The ministry shall report yearly.');
    expect(await pdfText(await reportToPdf(report('omit')))).toContain(
      'The ministry shall report yearly.',
    );
  });

  it('show as <ins>/<del> with who and when in HTML and Markdown', () => {
    const html = reportToHtml(report('tracked'));
    expect(html).toContain(
      '<del title="Suggested deletion by Sokha (Group 2), 12 Mar 2026, 03:05" style="color: #d62728">shall</del>',
    );
    expect(html).toContain(
      '<ins title="Suggested insertion by Dara (Group 2), 12 Mar 2026, 03:05"',
    );
    expect(reportToMarkdown(report('tracked'))).toContain(
      'The ministry <del title="Suggested deletion by Sokha (Group 2), 12 Mar 2026, 03:05">shall</del><ins',
    );
  });
});
