// @vitest-environment happy-dom

import { readRichText } from '@plenary/editor';
import {
  addSection,
  archiveGroup,
  assignSection,
  heading,
  moveSection,
  paragraph,
  readPlan,
  removeSection,
  renameSection,
  richTextDoc,
  sectionFragmentName,
  setPhase,
  setPlanTitle,
  setSectionStatus,
  updateGroup,
} from '@plenary/model';
import { AUTHORS } from '@plenary/suggestions/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type SeedSection, SharedPlan } from './testing/versionPlans.ts';
import { compareVersions } from './versionCompare.ts';
import { restorePlan, restoreSection, VersionRestoreError } from './versionRestore.ts';

let plan: SharedPlan | undefined;
afterEach(() => plan?.destroy());

function sharedPlan(...sections: SeedSection[]): SharedPlan {
  plan = new SharedPlan(sections);
  return plan;
}

const prevention: SeedSection = {
  id: 's1',
  title: 'Prevention',
  body: richTextDoc(
    heading(2, 'Measures'),
    paragraph('Protect civilians'),
    paragraph('Early warning'),
  ),
};
const response: SeedSection = {
  id: 's2',
  title: 'Response',
  groupId: 'g2',
  body: richTextDoc(paragraph('Respond early')),
};
const recovery: SeedSection = {
  id: 's3',
  title: 'Recovery',
  body: richTextDoc(paragraph('Rebuild')),
};

/** A section's content as ProseMirror JSON, in a doc or in a saved state. */
function content(source: Y.Doc | Uint8Array, sectionId = 's1'): unknown {
  const doc = source instanceof Y.Doc ? source : new Y.Doc();
  if (!(source instanceof Y.Doc)) Y.applyUpdate(doc, source);
  return readRichText(doc.getXmlFragment(sectionFragmentName(sectionId))).toJSON();
}

/** The state vector of a doc, as a plain object for comparing. */
const clocks = (doc: Y.Doc) => Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));

/** Someone rewrites the first section: heading level, a word replaced, a paragraph gone. */
function rewriteFirstSection(shared: SharedPlan): void {
  const sokha = shared.editor(shared.join('u-sokha', 11), 's1');
  sokha.chain().setTextSelection(3).setNode('heading', { level: 3 }).run();
  sokha.chain().setTextSelection({ from: 19, to: 28 }).deleteSelection().run();
  sokha.chain().setTextSelection(19).insertContent('people').run();
  const end = sokha.state.doc.content.size;
  sokha
    .chain()
    .setTextSelection({ from: end - 15, to: end - 1 })
    .deleteSelection()
    .run();
  expect(sokha.getText({ blockSeparator: '|' })).toBe('Measures|Protect people');
}

describe('restoreSection', () => {
  it('brings back the old text as a new change that every copy receives', () => {
    const shared = sharedPlan(prevention);
    const version = shared.version();
    rewriteFirstSection(shared);
    const dara = shared.join('u-dara', 12);
    const daraEditor = shared.editor(dara, 's1', AUTHORS[1]);
    const before = clocks(shared.server);
    shared.server.transact(() => restoreSection(shared.server, version, 's1'));
    expect(content(shared.server)).toEqual(content(version));
    // History only grows: nobody's clock went back, and the server's own one moved on.
    const after = clocks(shared.server);
    for (const [client, clock] of Object.entries(before))
      expect(after[client]).toBeGreaterThanOrEqual(clock);
    expect(after['1']).toBeGreaterThan(before['1'] ?? 0);
    // Dara's copy heard it through Yjs like any other change.
    expect(content(dara)).toEqual(content(version));
    expect(daraEditor.getText({ blockSeparator: '|' })).toBe(
      'Measures|Protect civilians|Early warning',
    );
  });

  it('keeps the paragraphs that did not change as they are', () => {
    const shared = sharedPlan(prevention);
    const version = shared.version();
    const sokha = shared.editor(shared.join('u-sokha', 11), 's1');
    sokha.chain().setTextSelection(19).insertContent('all ').run();
    const fragment = shared.server.getXmlFragment('section:s1');
    const [title, , last] = fragment.toArray();
    restoreSection(shared.server, version, 's1');
    expect(fragment.toArray()[0]).toBe(title);
    expect(fragment.toArray()[2]).toBe(last);
    expect(content(shared.server)).toEqual(content(version));
  });

  it('then compares with the version as unchanged text', () => {
    const shared = sharedPlan(prevention);
    const version = shared.version();
    rewriteFirstSection(shared);
    shared.server.transact(() => restoreSection(shared.server, version, 's1'));
    const [diff] = compareVersions(version, shared.version(), shared.attribution());
    expect(diff?.status).toBe('unchanged');
    expect(
      diff?.blocks.map((b) => [b.type, b.change, b.runs.map((r) => [r.text, r.change])]),
    ).toEqual([
      ['heading', null, [['Measures', null]]],
      ['paragraph', null, [['Protect civilians', null]]],
      ['paragraph', null, [['Early warning', null]]],
    ]);
  });

  it('puts back a section removed since, at its old place and with its old title', () => {
    const shared = sharedPlan(prevention, response, recovery);
    const version = shared.version();
    const facilitator = shared.join('u-facilitator', 21);
    renameSection(facilitator, 's2', 'Old response');
    removeSection(facilitator, 's2');
    addSection(facilitator, { title: 'Monitoring', index: 0 });
    shared.server.transact(() => restoreSection(shared.server, version, 's2'));
    const sections = readPlan(facilitator).sections;
    expect(sections.map((s) => s.title)).toEqual([
      'Monitoring',
      'Prevention',
      'Response',
      'Recovery',
    ]);
    expect(content(facilitator, 's2')).toEqual(content(version, 's2'));
  });

  it('refuses a section that the version does not have', () => {
    const shared = sharedPlan(prevention);
    const version = shared.version();
    const added = addSection(shared.join('u-facilitator', 21), { title: 'Monitoring' });
    const attempt = () => restoreSection(shared.server, version, added);
    expect(attempt).toThrow(VersionRestoreError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'section-not-in-version' }));
    expect(readPlan(shared.server).sections).toHaveLength(2);
  });
});

describe('restorePlan', () => {
  it('brings back titles, order, groups, status and text, and nothing else', () => {
    const shared = sharedPlan(prevention, response, recovery);
    const version = shared.version();
    const facilitator = shared.join('u-facilitator', 21);
    rewriteFirstSection(shared);
    setPlanTitle(facilitator, 'Renamed plan');
    setPhase(facilitator, 'review');
    updateGroup(facilitator, 'g1', { name: 'Women and youth' });
    moveSection(facilitator, 's3', 0);
    assignSection(facilitator, 's2', 'g3');
    setSectionStatus(facilitator, 's1', 'agreed');
    removeSection(facilitator, 's2');
    const later = addSection(facilitator, { title: 'Monitoring' });
    shared.editor(facilitator, later).chain().insertContent('Quarterly reports').run();
    const updates: Uint8Array[] = [];
    shared.server.on('update', (update: Uint8Array) => updates.push(update));
    shared.server.transact(() => restorePlan(shared.server, version));
    expect(updates).toHaveLength(1);
    const now = readPlan(facilitator);
    expect(now.title).toBe('National Action Plan');
    expect(now.sections).toEqual([
      { id: 's1', title: 'Prevention', groupId: null, status: 'drafting' },
      { id: 's2', title: 'Response', groupId: 'g2', status: 'drafting' },
      { id: 's3', title: 'Recovery', groupId: null, status: 'drafting' },
    ]);
    for (const id of ['s1', 's2', 's3'])
      expect(content(facilitator, id)).toEqual(content(version, id));
    // Left as they are now: the phase, the groups, and the section written since.
    expect(now.phase).toBe('review');
    expect(now.groups.find((g) => g.id === 'g1')?.name).toBe('Women and youth');
    expect(now.removedSections.map((s) => s.title)).toEqual(['Monitoring']);
    expect(readRichText(facilitator.getXmlFragment(sectionFragmentName(later))).textContent).toBe(
      'Quarterly reports',
    );
    const diff = compareVersions(version, shared.version(), shared.attribution());
    expect(diff.map((s) => [s.sectionId, s.status])).toEqual([
      ['s1', 'unchanged'],
      ['s2', 'unchanged'],
      ['s3', 'unchanged'],
    ]);
  });

  it('leaves a section with its current group when the version’s group was archived since', () => {
    const shared = sharedPlan(prevention, response);
    const version = shared.version();
    const facilitator = shared.join('u-facilitator', 21);
    archiveGroup(facilitator, 'g2');
    assignSection(facilitator, 's2', 'g3');
    restorePlan(shared.server, version);
    expect(readPlan(facilitator).sections.find((s) => s.id === 's2')?.groupId).toBe('g3');
  });
});
