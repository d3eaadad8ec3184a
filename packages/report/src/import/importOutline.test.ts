import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSchema } from '@plenary/editor';
import type { RichTextDoc } from '@plenary/model';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { importFormatOf, importPlan, importSectionBody } from './importOutline.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  ImportError,
  type ImportErrorCode,
  type ImportedPlan,
} from './importTypes.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const KHMER_HEADING = 'ការការពារ និងការឆ្លើយតប';
const KHMER_PARAGRAPH = 'ផែនការសកម្មភាពជាតិនេះ ត្រូវបានរៀបចំដោយក្រុមការងារចម្រុះ ដើម្បីការពារអំពើឃោរឃៅ។';
const COENG = '\u17D2';

const fixture = (name: string) => ({ fileName: name, bytes: readFileSync(join(FIXTURES, name)) });
const markdown = (text: string, fileName = 'outline.md') => ({
  fileName,
  bytes: new TextEncoder().encode(text),
});

/** A section body as a checked ProseMirror node of the plan schema. */
function nodeOf(content: RichTextDoc): ProseMirrorNode {
  const node = ProseMirrorNode.fromJSON(planSchema(), content);
  node.check();
  return node;
}

function section(plan: ImportedPlan, title: string): ProseMirrorNode {
  const found = plan.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section "${title}" in ${plan.sections.map((s) => s.title)}`);
  return nodeOf(found.content);
}

/** Every node of a type, in document order. */
function nodesOf(doc: ProseMirrorNode, type: string): ProseMirrorNode[] {
  const found: ProseMirrorNode[] = [];
  doc.descendants((node) => {
    if (node.type.name === type) found.push(node);
  });
  return found;
}

/** The marks on the text run that reads exactly `text`. */
function marksOn(doc: ProseMirrorNode, text: string): string[] {
  let marks: string[] | null = null;
  doc.descendants((node) => {
    if (node.isText && node.text === text) marks = node.marks.map((m) => m.type.name);
  });
  if (!marks) throw new Error(`no text run "${text}"`);
  return marks;
}

const headings = (doc: ProseMirrorNode) =>
  nodesOf(doc, 'heading').map((h) => [h.attrs.level as number, h.textContent]);

async function rejection(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ImportError)) throw new Error(`expected an ImportError, got ${error}`);
  return error;
}

describe('importing a Word outline written by LibreOffice', () => {
  it('makes a section of each Heading 1, after an Introduction, titled from the Title style', async () => {
    const plan = await importPlan(fixture('draft-outline.docx'));
    expect(plan.title).toBe('National Action Plan: draft outline');
    expect(plan.sections.map((s) => s.title)).toEqual([
      'Introduction',
      'Prevention',
      KHMER_HEADING,
      'Actions and responsibilities',
    ]);
    expect(section(plan, 'Introduction').textContent).toBe(
      'This outline was prepared by the working group before the dialogue.',
    );
  });

  it('keeps bold and italic, subheadings moved to the section levels, and numbered lists', async () => {
    const plan = await importPlan(fixture('draft-outline.docx'));
    const prevention = section(plan, 'Prevention');
    expect(marksOn(prevention, 'early warning')).toEqual(['bold']);
    expect(marksOn(prevention, 'local peace committees')).toEqual(['italic']);
    expect(marksOn(prevention, 'before').sort()).toEqual(['bold', 'italic']);
    expect(headings(prevention)).toEqual([[2, 'Early warning']]);
    const [numbered] = nodesOf(prevention, 'orderedList');
    expect(numbered?.childCount).toBe(3);
    expect(numbered?.child(0).textContent).toBe('Map the risk factors in each province');
    const nested = nodesOf(numbered as ProseMirrorNode, 'bulletList');
    expect(nested.map((list) => list.textContent)).toEqual(['Two per district']);
    expect(numbered?.child(2).textContent).toBe('Report every quarter');
    expect(headings(section(plan, KHMER_HEADING))).toEqual([
      [2, 'Response'],
      [3, 'Within 48 hours'],
    ]);
  });

  it('keeps Khmer text exactly, subscript consonants included, in paragraphs, lists and cells', async () => {
    const plan = await importPlan(fixture('draft-outline.docx'));
    const khmer = section(plan, KHMER_HEADING);
    expect(nodesOf(khmer, 'paragraph')[0]?.textContent).toBe(KHMER_PARAGRAPH);
    expect(KHMER_PARAGRAPH).toContain(COENG);
    expect(nodesOf(khmer, 'bulletList')[0]?.textContent).toBe('Community dialoguesការអប់រំសហគមន៍');
    const cells = nodesOf(section(plan, 'Actions and responsibilities'), 'tableCell');
    expect(cells.map((cell) => cell.textContent)).toContain('ក្រសួងមហាផ្ទៃ');
  });

  it('imports the table with its header row and its cells', async () => {
    const plan = await importPlan(fixture('draft-outline.docx'));
    const [table] = nodesOf(section(plan, 'Actions and responsibilities'), 'table');
    if (!table) throw new Error('no table');
    const rows: string[][] = [];
    table.forEach((row) => {
      const cells: string[] = [];
      row.forEach((cell) => {
        cells.push(`${cell.type.name}:${cell.textContent}`);
      });
      rows.push(cells);
    });
    expect(rows).toEqual([
      ['tableHeader:Action', 'tableHeader:Lead', 'tableHeader:Deadline'],
      ['tableCell:Train focal points', 'tableCell:ក្រសួងមហាផ្ទៃ', 'tableCell:2027'],
      ['tableCell:Publish the plan', 'tableCell:Secretariat', 'tableCell:2028'],
    ]);
    expect(marksOn(table, 'Publish')).toEqual(['bold']);
  });

  it('reports the footnote, the picture and the custom style, and imports none of them', async () => {
    const plan = await importPlan(fixture('draft-outline.docx'));
    expect(
      plan.problems.map(({ code, where, count, detail }) => ({ code, where, count, detail })),
    ).toEqual([
      { code: 'style', where: undefined, count: undefined, detail: 'Action Point' },
      { code: 'footnote', where: 'Prevention', count: 1, detail: undefined },
      { code: 'image', where: 'Actions and responsibilities', count: 1, detail: undefined },
    ]);
    const allText = plan.sections.map((s) => nodeOf(s.content).textContent).join('\n');
    expect(allText).not.toContain('Framework of Analysis for Atrocity Crimes, 2014');
    expect(allText).not.toContain('[1]');
    // The custom style's text is kept, as an ordinary paragraph.
    expect(allText).toContain('Action: the ministry names a focal point.');
    for (const problem of plan.problems) expect(problem.message).not.toBe('');
  });

  it('takes Heading 2 as the section level when there is no Heading 1, and reports comments, changes and text boxes', async () => {
    const plan = await importPlan(fixture('review-copy.docx'));
    expect(plan.title).toBe('review-copy');
    expect(plan.sections.map((s) => s.title)).toEqual(['Monitoring', 'Budget']);
    const monitoring = section(plan, 'Monitoring');
    expect(headings(monitoring)).toEqual([[2, 'Indicators']]);
    // Tracked changes: as if accepted; the comment's text is not imported.
    expect(monitoring.textContent).toContain(
      'The secretariat reports every quarter to the plenary.',
    );
    expect(monitoring.textContent).not.toContain('once a year');
    expect(monitoring.textContent).not.toContain('Is quarterly realistic?');
    expect(section(plan, 'Budget').textContent).toContain('Estimated cost: to be agreed.');
    expect(plan.problems.map((p) => [p.code, p.where])).toEqual([
      ['tracked-changes', undefined],
      ['text-box', undefined],
      ['comment', 'Monitoring'],
    ]);
  });

  it('fills one section: the top heading level becomes the first subheading level', async () => {
    const review = await importSectionBody(fixture('review-copy.docx'));
    expect(headings(nodeOf(review.content))).toEqual([
      [2, 'Monitoring'],
      [3, 'Indicators'],
      [2, 'Budget'],
    ]);
    expect(review.problems.map((p) => p.code)).toEqual(['tracked-changes', 'text-box', 'comment']);

    const draft = await importSectionBody(fixture('draft-outline.docx'));
    const body = nodeOf(draft.content);
    expect(nodesOf(body, 'paragraph')[0]?.textContent).toBe('National Action Plan: draft outline');
    expect(headings(body)).toEqual([
      [2, 'Prevention'],
      [3, 'Early warning'],
      [2, KHMER_HEADING],
      [3, 'Response'],
      [4, 'Within 48 hours'],
      [2, 'Actions and responsibilities'],
    ]);
  });
});

describe('importing a Markdown outline', () => {
  it('makes the same sections as the Word outline, and reports the picture', async () => {
    const plan = await importPlan(fixture('draft-outline.md'));
    expect(plan.title).toBe('draft-outline');
    expect(plan.sections.map((s) => s.title)).toEqual([
      'Prevention',
      KHMER_HEADING,
      'Actions and responsibilities',
    ]);
    expect(marksOn(section(plan, 'Prevention'), 'early warning')).toEqual(['bold']);
    expect(headings(section(plan, 'Prevention'))).toEqual([[2, 'Early warning']]);
    expect(nodesOf(section(plan, KHMER_HEADING), 'paragraph')[0]?.textContent).toBe(
      KHMER_PARAGRAPH,
    );
    expect(nodesOf(section(plan, 'Actions and responsibilities'), 'tableRow')).toHaveLength(3);
    expect(plan.problems.map((p) => [p.code, p.where])).toEqual([['image', 'Prevention']]);
  });

  it('takes a lone top heading that opens the file as the title, and the next level as sections', async () => {
    const plan = await importPlan(
      markdown('# Plan of action\n\nIntro text.\n\n## One\n\n### Detail\n\nText.\n\n## Two\n'),
    );
    expect(plan.title).toBe('Plan of action');
    expect(plan.sections.map((s) => s.title)).toEqual(['Introduction', 'One', 'Two']);
    expect(headings(section(plan, 'One'))).toEqual([[2, 'Detail']]);
    expect(section(plan, 'Two').textContent).toBe('');
  });

  it('resolves reference links defined in another section', async () => {
    const plan = await importPlan(
      markdown('# One\n\nSee [the framework][fa].\n\n# Two\n\n[fa]: https://example.org/fa\n'),
    );
    const [link] =
      section(plan, 'One')
        .firstChild?.content.content.flatMap((node) => node.marks)
        .filter((mark) => mark.type.name === 'link') ?? [];
    expect(link?.attrs.href).toBe('https://example.org/fa');
  });

  it('puts a file without headings in one section and says why', async () => {
    const plan = await importPlan(markdown('Just some notes.\n\nAnd more.\n', 'notes.md'));
    expect(plan.title).toBe('notes');
    expect(plan.sections.map((s) => s.title)).toEqual(['Introduction']);
    expect(plan.problems.map((p) => p.code)).toEqual(['no-headings']);
  });

  it('reports headings nested deeper than a section holds', async () => {
    const plan = await importPlan(
      markdown('# One\n\n## A\n\n### B\n\n#### C\n\n##### D\n\n###### E\n\n# Two\n'),
    );
    expect(headings(section(plan, 'One'))).toEqual([
      [2, 'A'],
      [3, 'B'],
      [4, 'C'],
      [4, 'D'],
      [4, 'E'],
    ]);
    expect(plan.problems).toMatchObject([{ code: 'deep-heading', count: 2, where: 'One' }]);
  });

  it('shortens an overlong title between whole Khmer syllables', async () => {
    const long = 'ក្រសួង'.repeat(60);
    const plan = await importPlan(markdown(`# ${long}\n\nText.\n\n# Two\n`));
    // 33 words are 198 code units; cutting at 199 would leave a lone ក of the next one.
    expect(plan.sections[0]?.title).toBe(`${'ក្រសួង'.repeat(33)}…`);
    expect(plan.problems.map((p) => p.code)).toEqual(['long-title']);
  });
});

describe('files that cannot be imported', () => {
  const cases: [string, ImportErrorCode, RegExp][] = [
    ['empty.docx', 'empty', /This file is empty/],
    ['truncated.docx', 'damaged', /This Word document is damaged/],
    [
      'notes-renamed.docx',
      'not-docx',
      /This file is not a Word document \(\.docx\): it is not a zip/,
    ],
    [
      'archive.docx',
      'not-docx',
      /This file is not a Word document \(\.docx\): it is a zip archive/,
    ],
    ['opendocument.docx', 'not-docx', /OpenDocument file \(\.odt\)/],
    ['broken-xml.docx', 'damaged', /This Word document is damaged: its text cannot be read/],
  ];
  for (const [name, code, message] of cases) {
    it(`refuses malformed/${name} with a clear message, as a plan and as a section`, async () => {
      const file = fixture(join('malformed', name));
      const asPlan = await rejection(importPlan(file));
      expect(asPlan.code).toBe(code);
      expect(asPlan.message).toMatch(message);
      const asSection = await rejection(importSectionBody(file));
      expect(asSection.code).toBe(code);
    });
  }

  it('refuses a file over the size limit before reading it', async () => {
    const file = fixture('draft-outline.docx');
    const error = await rejection(importPlan(file, { ...DEFAULT_IMPORT_LIMITS, maxBytes: 4096 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^This file is larger than 4 KiB, the most an outline may be\./);
    const big = { fileName: 'big.md', bytes: new Uint8Array(10 * 1024 * 1024 + 1) };
    expect((await rejection(importPlan(big))).message).toMatch(
      /^This file is larger than 10 MiB, the most/,
    );
  });

  it('refuses a Word document that unpacks to more than the limit', async () => {
    const error = await rejection(
      importPlan(fixture('draft-outline.docx'), {
        ...DEFAULT_IMPORT_LIMITS,
        maxUnpackedBytes: 4096,
      }),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/unpacks to/);
  });

  it('refuses an outline with more sections than a plan holds', async () => {
    const outline = Array.from({ length: 12 }, (_, i) => `# Section ${i}\n`).join('\n');
    const error = await rejection(
      importPlan(markdown(outline), { ...DEFAULT_IMPORT_LIMITS, maxSections: 10 }),
    );
    expect(error.code).toBe('too-many-sections');
  });

  it('refuses a Word document named .md, and a file of another kind', async () => {
    const wordAsMarkdown = { ...fixture('draft-outline.docx'), fileName: 'outline.md' };
    expect((await rejection(importPlan(wordAsMarkdown))).code).toBe('not-text');
    const pdf = { fileName: 'outline.pdf', bytes: new TextEncoder().encode('%PDF-1.7') };
    const error = await rejection(importPlan(pdf));
    expect(error.code).toBe('unknown-format');
    expect(error.message).toMatch(/"outline.pdf" is neither a Word document/);
  });

  it('refuses a Word document with no text in it', async () => {
    const blank = new Document({
      sections: [{ children: [new Paragraph({ text: ' ', heading: HeadingLevel.TITLE })] }],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(blank));
    const error = await rejection(importPlan({ fileName: 'blank.docx', bytes }));
    expect(error.code).toBe('no-text');
  });
});

describe('importFormatOf', () => {
  it('reads the format off the content type first, then the file name', () => {
    expect(
      importFormatOf(
        'x.bin',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
    ).toBe('docx');
    expect(importFormatOf('x.bin', 'text/markdown; charset=utf-8')).toBe('markdown');
    expect(importFormatOf('Outline.DOCX', 'application/octet-stream')).toBe('docx');
    expect(importFormatOf('notes.md')).toBe('markdown');
    expect(importFormatOf('outline.doc')).toBeNull();
  });
});
