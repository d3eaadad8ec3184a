// @vitest-environment happy-dom
import {
  addSection,
  bulletList,
  heading,
  paragraph,
  removeSection,
  renameSection,
  richTextDoc,
  table,
} from '@plenary/model';
import { decideSuggestions, graphemeBoundaries } from '@plenary/suggestions';
import { AUTHORS } from '@plenary/suggestions/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type SeedSection, SharedPlan } from './testing/versionPlans.ts';
import { compareVersions } from './versionCompare.ts';
import type { DiffBlock, SectionDiff } from './versionDiff.ts';

const [SOKHA, DARA, , , FOCAL] = AUTHORS.map((a) => a.id) as [
  string,
  string,
  string,
  string,
  string,
];
const SOKHA_AUTHOR = AUTHORS[0] as (typeof AUTHORS)[number];
const DARA_AUTHOR = AUTHORS[1] as (typeof AUTHORS)[number];

let plan: SharedPlan | undefined;
afterEach(() => plan?.destroy());

function sharedPlan(...sections: SeedSection[]): SharedPlan {
  plan = new SharedPlan(sections);
  return plan;
}

const oneParagraph = (text: string): SeedSection => ({
  id: 's1',
  title: 'Prevention',
  body: richTextDoc(paragraph(text)),
});

const runs = (block: DiffBlock | undefined) =>
  block?.runs.map((r) => [r.text, r.change, r.participantId]);

/** The text of a block as one side saw it. */
const sideText = (block: DiffBlock, side: 'before' | 'after') =>
  block.runs
    .filter((r) => r.change !== (side === 'before' ? 'inserted' : 'deleted'))
    .map((r) => r.text)
    .join('');

const section = (diff: SectionDiff[], id = 's1'): SectionDiff => {
  const found = diff.find((s) => s.sectionId === id);
  if (!found) throw new Error(`no section ${id} in the comparison`);
  return found;
};

describe('compareVersions', () => {
  it('attributes typed text to the person behind its Yjs client', () => {
    const shared = sharedPlan(oneParagraph('Protect civilians'));
    const sokha = shared.join(SOKHA, 11);
    const before = shared.version();
    shared.editor(sokha, 's1').chain().setTextSelection(9).insertContent('all ').run();
    const diff = compareVersions(before, shared.version(), shared.attribution());
    expect(section(diff)).toMatchObject({ status: 'changed', title: 'Prevention' });
    expect(runs(section(diff).blocks[0])).toEqual([
      ['Protect ', null, null],
      ['all ', 'inserted', SOKHA],
      ['civilians', null, null],
    ]);
    expect(section(diff).blocks[0]).toMatchObject({ type: 'paragraph', path: [], change: null });
  });

  it('attributes deleted text to whoever deleted it, each person their own part', () => {
    const shared = sharedPlan(oneParagraph('Protect all civilians now'));
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1');
    const dara = shared.editor(shared.join(DARA, 12), 's1');
    const before = shared.version();
    sokha.chain().setTextSelection({ from: 9, to: 13 }).deleteSelection().run();
    dara.chain().setTextSelection({ from: 9, to: 19 }).deleteSelection().run();
    expect(dara.getText()).toBe('Protect now');
    const diff = compareVersions(before, shared.version(), shared.attribution());
    expect(runs(section(diff).blocks[0])).toEqual([
      ['Protect ', null, null],
      ['all ', 'deleted', SOKHA],
      ['civilians ', 'deleted', DARA],
      ['now', null, null],
    ]);
  });

  it('attributes a suggestion to its author, also once the focal point has accepted it', () => {
    const shared = sharedPlan(oneParagraph('Protect civilians'));
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1', SOKHA_AUTHOR);
    const dara = shared.editor(shared.join(DARA, 12), 's1', DARA_AUTHOR);
    const focal = shared.join(FOCAL, 15);
    const before = shared.version();
    sokha.chain().setTextSelection({ from: 1, to: 9 }).deleteSelection().run();
    dara.chain().setTextSelection(18).insertContent(' now').run();
    const suggested = shared.version();
    const pending = compareVersions(before, suggested, shared.attribution());
    expect(runs(section(pending).blocks[0])).toEqual([
      ['Protect ', null, null],
      ['civilians', null, null],
      [' now', 'inserted', DARA],
    ]);
    expect(section(pending).blocks[0]?.runs.map((r) => r.marks)).toEqual([
      ['deletion'],
      [],
      ['insertion'],
    ]);
    decideSuggestions(focal.getXmlFragment('section:s1'), { action: 'accept' });
    const accepted = compareVersions(suggested, shared.version(), shared.attribution());
    expect(runs(section(accepted).blocks[0])).toEqual([
      ['Protect ', 'deleted', SOKHA],
      ['civilians now', null, null],
    ]);
  });

  it('attributes a whole paragraph suggested for removal to the suggestion’s author once accepted', () => {
    const shared = sharedPlan({
      id: 's1',
      title: 'Prevention',
      body: richTextDoc(paragraph('Protect civilians'), paragraph('Early warning')),
    });
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1', SOKHA_AUTHOR);
    const focal = shared.join(FOCAL, 15);
    sokha.chain().setTextSelection({ from: 18, to: 33 }).deleteSelection().run();
    const suggested = shared.version();
    decideSuggestions(focal.getXmlFragment('section:s1'), { action: 'accept' });
    const { blocks } = section(compareVersions(suggested, shared.version(), shared.attribution()));
    expect(blocks.map((b) => [b.change, b.participantId, runs(b)])).toEqual([
      [null, null, [['Protect civilians', null, null]]],
      ['deleted', SOKHA, [['Early warning', 'deleted', SOKHA]]],
    ]);
  });

  it('shows a whole paragraph added or removed as a block change', () => {
    const shared = sharedPlan({
      id: 's1',
      title: 'Prevention',
      body: richTextDoc(paragraph('Protect civilians'), paragraph('Early warning')),
    });
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1');
    const dara = shared.editor(shared.join(DARA, 12), 's1');
    const before = shared.version();
    // Dara removes the second paragraph; Sokha then writes a new one after the first.
    dara.chain().setTextSelection({ from: 18, to: 33 }).deleteSelection().run();
    sokha.chain().setTextSelection(18).splitBlock().insertContent('Monitoring').run();
    expect(sokha.getText({ blockSeparator: '|' })).toBe('Protect civilians|Monitoring');
    const { blocks } = section(compareVersions(before, shared.version(), shared.attribution()));
    expect(blocks.map((b) => [b.type, b.change, b.participantId, sideText(b, 'after')])).toEqual([
      ['paragraph', null, null, 'Protect civilians'],
      ['paragraph', 'inserted', SOKHA, 'Monitoring'],
      ['paragraph', 'deleted', DARA, ''],
    ]);
    expect(runs(blocks[1])).toEqual([['Monitoring', 'inserted', SOKHA]]);
    expect(runs(blocks[2])).toEqual([['Early warning', 'deleted', DARA]]);
  });

  it('leaves out text written and deleted again between the versions', () => {
    const shared = sharedPlan(oneParagraph('Protect civilians'));
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1');
    const before = shared.version();
    sokha.chain().setTextSelection(9).insertContent('temporary ').run();
    sokha.chain().setTextSelection({ from: 9, to: 19 }).deleteSelection().run();
    sokha.chain().setTextSelection(18).splitBlock().insertContent('gone').run();
    sokha.chain().setTextSelection({ from: 18, to: 24 }).deleteSelection().run();
    expect(sokha.getText()).toBe('Protect civilians');
    const [diff] = compareVersions(before, shared.version(), shared.attribution());
    expect(diff?.status).toBe('unchanged');
    expect(diff?.blocks.map(runs)).toEqual([[['Protect civilians', null, null]]]);
  });

  it('places list items and table cells by their path', () => {
    const shared = sharedPlan({
      id: 's1',
      title: 'Prevention',
      body: richTextDoc(
        heading(2, 'Measures'),
        bulletList(['Early warning', 'Dialogue']),
        table(['Actor', 'Role'], [['Ministry', 'Lead']]),
      ),
    });
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1');
    const before = shared.version();
    let dialogue = 0;
    let ministry = 0;
    sokha.state.doc.descendants((node, pos) => {
      if (node.text === 'Dialogue') dialogue = pos;
      if (node.text === 'Ministry') ministry = pos;
    });
    sokha.chain().setTextSelection(ministry).insertContent('The ').run();
    sokha.chain().setTextSelection(dialogue).insertContent('Inclusive ').run();
    sokha.chain().setTextSelection(3).setNode('heading', { level: 3 }).run();
    const { blocks } = section(compareVersions(before, shared.version(), shared.attribution()));
    expect(blocks.map((b) => [b.path.join('>'), b.type, sideText(b, 'after')])).toEqual([
      ['', 'heading', 'Measures'],
      ['bulletList>listItem', 'paragraph', 'Early warning'],
      ['bulletList>listItem', 'paragraph', 'Inclusive Dialogue'],
      ['table>tableRow>tableHeader', 'paragraph', 'Actor'],
      ['table>tableRow>tableHeader', 'paragraph', 'Role'],
      ['table>tableRow>tableCell', 'paragraph', 'The Ministry'],
      ['table>tableRow>tableCell', 'paragraph', 'Lead'],
    ]);
    expect(blocks[0]).toMatchObject({ level: 3, previousLevel: 2, change: null });
    expect(runs(blocks[2])).toEqual([
      ['Inclusive ', 'inserted', SOKHA],
      ['Dialogue', null, null],
    ]);
    expect(runs(blocks[5])?.[0]).toEqual(['The ', 'inserted', SOKHA]);
  });

  it('reports sections added, removed and renamed, and by whom', () => {
    const shared = sharedPlan(
      oneParagraph('Protect civilians'),
      { id: 's2', title: 'Response', body: richTextDoc(paragraph('Respond early')) },
      { id: 's3', title: 'Recovery', body: richTextDoc(paragraph('Rebuild')) },
    );
    const facilitator = shared.join('u-facilitator', 21);
    const before = shared.version();
    const added = addSection(facilitator, { title: 'Monitoring', index: 1 });
    removeSection(facilitator, 's2');
    renameSection(facilitator, 's1', 'Early prevention');
    const diff = compareVersions(before, shared.version(), shared.attribution());
    expect(
      diff.map((s) => [s.sectionId, s.status, s.title, s.previousTitle, s.participantId]),
    ).toEqual([
      ['s1', 'changed', 'Early prevention', 'Prevention', 'u-facilitator'],
      ['s2', 'removed', 'Response', null, 'u-facilitator'],
      [added, 'added', 'Monitoring', null, 'u-facilitator'],
      ['s3', 'unchanged', 'Recovery', null, undefined],
    ]);
    // A removed section's text is still there to read.
    expect(section(diff, 's2').blocks.map(runs)).toEqual([[['Respond early', null, null]]]);
  });

  it('keeps Khmer text intact and its clusters whole', () => {
    const KHMER = 'ក្រុមការងារ ព្រាងផែនការ';
    const shared = sharedPlan(oneParagraph(KHMER));
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1');
    const dara = shared.editor(shared.join(DARA, 12), 's1');
    const before = shared.version();
    // Sokha adds a word; Dara adds a subscript to a cluster (typed as its own item).
    sokha.chain().setTextSelection(13).insertContent('ជាតិ ').run();
    dara.chain().setTextSelection(2).insertContent('្ម').run();
    dara.chain().setTextSelection({ from: 7, to: 9 }).deleteSelection().run();
    const after = dara.getText();
    const { blocks } = section(compareVersions(before, shared.version(), shared.attribution()));
    const [block] = blocks as [DiffBlock];
    expect(sideText(block, 'before')).toBe(KHMER);
    expect(sideText(block, 'after')).toBe(after);
    for (const side of ['before', 'after'] as const) {
      const text = sideText(block, side);
      const clusters = new Set(graphemeBoundaries(text));
      let offset = 0;
      for (const run of block.runs.filter(
        (r) => r.change !== (side === 'before' ? 'inserted' : 'deleted'),
      )) {
        offset += run.text.length;
        expect(clusters.has(offset), `${side}: a run ends inside a cluster at ${offset}`).toBe(
          true,
        );
      }
    }
    expect(block.runs.filter((r) => r.change === 'inserted').map((r) => r.participantId)).toContain(
      SOKHA,
    );
  });

  it('refuses versions where the later one does not contain the earlier one', () => {
    const shared = sharedPlan(oneParagraph('Protect civilians'));
    const sokha = shared.editor(shared.join(SOKHA, 11), 's1');
    const before = shared.version();
    sokha.chain().setTextSelection(9).insertContent('all ').run();
    expect(() => compareVersions(shared.version(), before, shared.attribution())).toThrow(
      /does not contain the earlier one/,
    );
    const other = new Y.Doc();
    other.getMap('plan').set('title', 'Another plan');
    expect(() =>
      compareVersions(Y.encodeStateAsUpdate(other), before, shared.attribution()),
    ).toThrow(/does not contain/);
  });
});
