import { planSchema } from '@plenary/editor';
import { describe, expect, it } from 'vitest';
import { EVERY_NODE } from '../../test-support/samplePlan.ts';
import { bodyToMarkdown } from './bodyToMarkdown.ts';
import { markdownTokenizer, parseMarkdown } from './parseMarkdown.ts';

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

  it('keeps only http(s) and mailto link targets and never lets text become HTML', () => {
    const schema = planSchema();
    const linked = (text: string, href: string) =>
      schema.text(text, [schema.mark('link', { href })]);
    const hostile = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      '\tjavascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/x',
    ];
    const body = schema.node('doc', null, [
      schema.node('paragraph', null, [
        ...hostile.map((href, i) => linked(`bad${i} `, href)),
        linked('good', 'https://example.org/a b<c>'),
        schema.text(' '),
        linked('mail', 'mailto:focal@example.org'),
      ]),
      schema.node('paragraph', null, [
        schema.text('<script>alert(1)</script> and <img src=x onerror=alert(1)> &amp; <!-- c -->'),
      ]),
      schema.node('heading', { level: 2 }, [schema.text('<svg onload=alert(1)>')]),
    ]);
    const markdown = bodyToMarkdown(body, { headingOffset: 0 });
    // What a reader of the file sees: CommonMark with raw HTML on, as most renderers do.
    const html = markdownTokenizer().render(markdown);
    expect(html).not.toMatch(/<(script|img|svg|!--)/i);
    expect(html).not.toMatch(/<[^>]*\son(error|load)=/i);
    expect(html).not.toMatch(/href="(?!https:|mailto:)/i);
    expect(html).toContain('<a href="https://example.org/a%20b%3Cc%3E">good</a>');
    expect(html).toContain('<a href="mailto:focal@example.org">mail</a>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const [i] of hostile.entries()) expect(html).toContain(`bad${i} `);
    // The dropped links' text is kept, as plain text.
    expect(parseMarkdown(markdown).doc.textContent).toContain('bad0 bad1 ');
  });
});
