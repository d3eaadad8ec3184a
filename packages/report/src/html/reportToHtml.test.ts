import { describe, expect, it } from 'vitest';
import { encodeStateAsUpdate } from 'yjs';
import { samplePlanDoc } from '../../test-support/samplePlan.ts';
import { reportToMarkdown } from '../markdown/reportToMarkdown.ts';
import { buildReport, readReportPlan } from '../reportDocument.ts';
import { reportToHtml } from './reportToHtml.ts';

describe('HTML report', () => {
  it('is a standalone UTF-8 page with a Khmer-capable font stack, lists, tables and links', () => {
    const doc = samplePlanDoc();
    const html = reportToHtml(
      buildReport(readReportPlan(doc), {
        suggestions: 'omit',
        annexes: { participantsByGroup: [{ group: 'ក្រុមទី២', names: ['<Dara>'] }] },
        meta: { date: '12 March 2026', venue: 'Phnom Penh' },
      }),
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('"Noto Sans Khmer"');
    expect(html).toContain('<h1>Cambodia National Action Plan on R2P</h1>');
    expect(html).toContain('<h2>Purpose and objectives</h2>');
    expect(html).toContain('<h3>Objectives</h3>');
    expect(html).toContain('<ol start="3"><li><p>Nested three</p></li>');
    expect(html).toContain('<th><p>Risk factor</p></th>');
    expect(html).toContain('<a href="https://example.org/r2p_(plan)">a link</a>');
    expect(html).toContain('<u>underlined</u>');
    expect(html).toContain('1 | 2 * 3 &lt;tag&gt; &amp; more');
    expect(html).toContain('<li><p>&lt;Dara&gt;</p></li>');
    expect(html).toContain('<span class="swatch" style="background: #d62728"></span>ក្រុមទី២');
  });

  it('leaves a blank venue off the title page, in HTML and Markdown alike', () => {
    const report = (venue: string) =>
      buildReport(readReportPlan(samplePlanDoc()), {
        suggestions: 'omit',
        annexes: {},
        meta: { date: '12 March 2026', venue },
      });
    expect(reportToHtml(report(' '))).toContain(
      '<p class="meta"><strong>Date:</strong> 12 March 2026</p>',
    );
    expect(reportToHtml(report('Siem Reap'))).toContain(
      '<strong>Date:</strong> 12 March 2026<br><strong>Venue:</strong> Siem Reap</p>',
    );
    expect(reportToMarkdown(report(''))).not.toContain('Venue');
    expect(reportToMarkdown(report('Siem Reap'))).toContain('**Venue:** Siem Reap');
  });

  it('reads a plan from its encoded state as from the live doc', () => {
    const doc = samplePlanDoc();
    expect(readReportPlan(encodeStateAsUpdate(doc)).sections.map((s) => s.body.toJSON())).toEqual(
      readReportPlan(doc).sections.map((s) => s.body.toJSON()),
    );
  });
});
