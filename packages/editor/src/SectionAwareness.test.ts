import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { SectionAwareness } from './SectionAwareness.ts';

/** A plan doc with two sections of one paragraph each, and the typist's caret spots. */
function plan() {
  const doc = new Y.Doc();
  const sections = ['section:goals', 'section:risks'].map((name) => {
    const fragment = doc.getXmlFragment(name);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('Some words here.');
    paragraph.insert(0, [text]);
    fragment.insert(0, [paragraph]);
    return { fragment, text };
  });
  return { doc, sections };
}

const caretAt = (text: Y.XmlText, index: number) => {
  const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return { anchor: position, head: position };
};

describe('SectionAwareness', () => {
  it('tells a section of caret changes in it, into it and out of it, and of no others', () => {
    const { doc, sections } = plan();
    const [goals, risks] = sections;
    if (!goals || !risks) throw new Error('two sections');
    const awareness = new Awareness(doc);
    const heard = { goals: 0, risks: 0 };
    new SectionAwareness(awareness, goals.fragment).on('change', () => heard.goals++);
    new SectionAwareness(awareness, risks.fragment).on('change', () => heard.risks++);

    // Typing in Goals moves the caret there, key by key.
    for (let key = 1; key <= 5; key++)
      awareness.setLocalStateField('cursor', caretAt(goals.text, key));
    expect(heard).toEqual({ goals: 5, risks: 0 });

    // Into Risks: Goals takes its caret away, Risks draws it.
    awareness.setLocalStateField('cursor', caretAt(risks.text, 2));
    expect(heard).toEqual({ goals: 6, risks: 1 });

    // A name change with the caret in Risks concerns Risks only.
    awareness.setLocalStateField('user', { name: 'Sokha', color: '#1565c0' });
    expect(heard).toEqual({ goals: 6, risks: 2 });
  });

  it('hears of a remote person leaving the section they were in', () => {
    const { doc, sections } = plan();
    const [goals, risks] = sections;
    if (!goals || !risks) throw new Error('two sections');
    const remoteDoc = new Y.Doc();
    Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(doc));
    const remote = new Awareness(remoteDoc);
    remote.setLocalStateField('cursor', caretAt(risks.text, 3));
    const awareness = new Awareness(doc);
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
    const heard = { goals: 0, risks: 0 };
    new SectionAwareness(awareness, goals.fragment).on('change', () => heard.goals++);
    new SectionAwareness(awareness, risks.fragment).on('change', () => heard.risks++);

    remote.setLocalState(null);
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
    expect(heard).toEqual({ goals: 0, risks: 1 });
  });

  it('stops telling a listener once it is taken off', () => {
    const { doc, sections } = plan();
    const goals = sections[0];
    if (!goals) throw new Error('a section');
    const awareness = new Awareness(doc);
    const section = new SectionAwareness(awareness, goals.fragment);
    let heard = 0;
    const listener = () => heard++;
    section.on('change', listener);
    awareness.setLocalStateField('cursor', caretAt(goals.text, 1));
    section.off('change', listener);
    awareness.setLocalStateField('cursor', caretAt(goals.text, 2));
    expect(heard).toBe(1);
  });
});
