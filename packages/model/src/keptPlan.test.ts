import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keptPlan } from './keptPlan.ts';
import { addSection, initPlan, readPlan, setPhase, setSectionStatus } from './plan.ts';

const newPlan = () => {
  const doc = new Y.Doc();
  const [sectionId] = initPlan(doc, {
    title: 'NAP',
    groups: [],
    sections: [{ title: 'Water', groupId: null }],
  });
  return { doc, sectionId: sectionId as string };
};

describe('the kept plan', () => {
  it('is read once while only text changes', () => {
    const { doc, sectionId } = newPlan();
    const first = keptPlan(doc);
    expect(first).toEqual(readPlan(doc));
    doc.getXmlFragment(`section:${sectionId}`).insert(0, [new Y.XmlText('text')]);
    expect(keptPlan(doc)).toBe(first);
  });

  it('is read again after the phase, a section or its status changed, here or in an update', () => {
    const { doc, sectionId } = newPlan();
    keptPlan(doc);
    setPhase(doc, 'review');
    expect(keptPlan(doc).phase).toBe('review');
    setSectionStatus(doc, sectionId, 'agreed');
    expect(keptPlan(doc).sections[0]?.status).toBe('agreed');

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const added = addSection(other, { title: 'Energy' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(keptPlan(doc).sections.map((section) => section.id)).toEqual([sectionId, added]);
    expect(keptPlan(doc)).toEqual(readPlan(doc));
  });
});
