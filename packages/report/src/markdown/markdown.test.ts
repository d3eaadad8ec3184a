import { planSchema } from '@plenary/editor';
import { describe, expect, it } from 'vitest';
import { EVERY_NODE } from '../../test-support/samplePlan.ts';
import { bodyToMarkdown } from './bodyToMarkdown.ts';
import { parseMarkdown } from './parseMarkdown.ts';

describe('Markdown', () => {
  it('round-trips every supported node and mark', () => {
    const body = planSchema().nodeFromJSON(EVERY_NODE);
    const markdown = bodyToMarkdown(body, { headingOffset: 0 });
    const parsed = parseMarkdown(markdown);
    expect(parsed.unsupported).toEqual([]);
    expect(parsed.doc.toJSON()).toEqual(body.toJSON());
  });

  it('writes GFM tables, underline as <u>, and escapes what Markdown would read as syntax', () => {
    const markdown = bodyToMarkdown(planSchema().nodeFromJSON(EVERY_NODE), { headingOffset: 1 });
    expect(markdown).toContain('### Objectives');
    expect(markdown).toContain('| Risk factor | Institution |\n| --- | --- |');
    expect(markdown).toContain('| កត្តាហានិភ័យ | a \\| b |');
    expect(markdown).toContain('<u>underlined</u>');
    expect(markdown).toContain('1 \\| 2 \\* 3 \\<tag> \\& more');
  });

  it('names what a body cannot hold and keeps the text it can', () => {
    const parsed = parseMarkdown(
      '# Title\n\n![map](map.png) text with `code`\n\n<div>raw</div>\n\n```\nline 1\nline 2\n```\n',
    );
    expect(parsed.unsupported).toEqual([
      'images',
      'code formatting (the text was kept)',
      'HTML blocks',
      'code blocks (the text was kept as paragraphs)',
    ]);
    const json = parsed.doc.toJSON();
    // Level 1 is the section's own title, so a body heading is at least level 2.
    expect(json.content[0]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    expect(parsed.doc.textContent).toContain('text with code');
    expect(parsed.doc.textContent).toContain('line 1line 2');
  });
});
