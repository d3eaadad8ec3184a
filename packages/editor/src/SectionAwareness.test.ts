// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { collaborationExtensions } from './collaborationExtensions.ts';
import { contentExtensions } from './contentExtensions.ts';
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

/** Someone else with the plan open, whose presence reaches `awareness` as from the server. */
function remotePerson(doc: Y.Doc, awareness: Awareness) {
  const remoteDoc = new Y.Doc();
  Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(doc));
  const remote = new Awareness(remoteDoc);
  const send = () =>
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
  return {
    set(field: string, value: unknown) {
      remote.setLocalStateField(field, value);
      send();
    },
    leave() {
      remote.setLocalState(null);
      send();
    },
  };
}

const caretAt = (text: Y.XmlText, index: number) => {
  const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return { anchor: position, head: position };
};

/** The plan's two sections, each with a SectionAwareness counting what it is told. */
function bothSectionsListening() {
  const { doc, sections } = plan();
  const [goals, risks] = sections;
  if (!goals || !risks) throw new Error('two sections');
  const awareness = new Awareness(doc);
  const heard = { goals: 0, risks: 0 };
  new SectionAwareness(awareness, goals.fragment).on('change', () => heard.goals++);
  new SectionAwareness(awareness, risks.fragment).on('change', () => heard.risks++);
  return { doc, goals, risks, awareness, heard };
}

describe('SectionAwareness', () => {
  it('tells a section of caret changes in it, into it and out of it, and of no others', () => {
    const { doc, goals, risks, awareness, heard } = bothSectionsListening();
    const sokha = remotePerson(doc, awareness);

    // Sokha types in Goals: their caret moves there, key by key.
    for (let key = 1; key <= 5; key++) sokha.set('cursor', caretAt(goals.text, key));
    expect(heard).toEqual({ goals: 5, risks: 0 });

    // Into Risks: Goals takes the caret away, Risks draws it.
    sokha.set('cursor', caretAt(risks.text, 2));
    expect(heard).toEqual({ goals: 6, risks: 1 });

    // A name change with the caret in Risks concerns Risks only.
    sokha.set('user', { name: 'Sokha', color: '#1565c0' });
    expect(heard).toEqual({ goals: 6, risks: 2 });
  });

  it("does not redraw any section for the typist's own caret, which no editor of theirs draws", () => {
    const { doc, goals, risks, awareness, heard } = bothSectionsListening();

    for (let key = 1; key <= 5; key++)
      awareness.setLocalStateField('cursor', caretAt(goals.text, key));
    awareness.setLocalStateField('cursor', caretAt(risks.text, 2));
    awareness.setLocalStateField('user', { name: 'Dara', color: '#2e7d32' });
    expect(heard).toEqual({ goals: 0, risks: 0 });

    // Someone else's caret still reaches the section it is in.
    remotePerson(doc, awareness).set('cursor', caretAt(risks.text, 1));
    expect(heard).toEqual({ goals: 0, risks: 1 });
  });

  it('hears of a remote person leaving the section they were in', () => {
    const { doc, sections } = plan();
    const [goals, risks] = sections;
    if (!goals || !risks) throw new Error('two sections');
    const awareness = new Awareness(doc);
    const sokha = remotePerson(doc, awareness);
    sokha.set('cursor', caretAt(risks.text, 3));
    const heard = { goals: 0, risks: 0 };
    new SectionAwareness(awareness, goals.fragment).on('change', () => heard.goals++);
    new SectionAwareness(awareness, risks.fragment).on('change', () => heard.risks++);

    sokha.leave();
    expect(heard).toEqual({ goals: 0, risks: 1 });
  });

  it('stops telling a listener once it is taken off', () => {
    const { doc, sections } = plan();
    const goals = sections[0];
    if (!goals) throw new Error('a section');
    const awareness = new Awareness(doc);
    const section = new SectionAwareness(awareness, goals.fragment);
    const sokha = remotePerson(doc, awareness);
    let heard = 0;
    const listener = () => heard++;
    section.on('change', listener);
    sokha.set('cursor', caretAt(goals.text, 1));
    section.off('change', listener);
    sokha.set('cursor', caretAt(goals.text, 2));
    expect(heard).toBe(1);
  });

  describe("the typist's own caret, as the caret plugin publishes it", () => {
    const editors: Editor[] = [];
    afterEach(() => {
      for (const editor of editors.splice(0)) editor.destroy();
    });

    /** Goals open in an editor with its caret at the end, and what its presence sends. */
    function typistInGoals() {
      const { doc, sections } = plan();
      const goals = sections[0];
      if (!goals) throw new Error('a section');
      const awareness = new Awareness(doc);
      const editor = new Editor({
        element: document.body.appendChild(document.createElement('div')),
        extensions: [
          ...contentExtensions({ groupColor: () => undefined }),
          ...collaborationExtensions({
            fragment: goals.fragment,
            awareness,
            user: { name: 'Dara', color: '#2e7d32' },
          }),
        ],
      });
      editors.push(editor);
      // Focused as a click would (the caret plugin publishes for a focused editor only).
      editor.view.dom.focus();
      editor.commands.setTextSelection(editor.state.doc.content.size - 1);
      let sent = 0;
      awareness.on('update', ({ updated }: { updated: number[] }) => {
        if (updated.includes(awareness.clientID)) sent++;
      });
      // Where someone else with the plan open places the typist's caret in the text.
      const seenElsewhere = () => {
        const elsewhere = new Y.Doc();
        Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(doc));
        const caret = awareness.getLocalState()?.cursor as { head: unknown } | undefined;
        const head = Y.createAbsolutePositionFromRelativePosition(
          Y.createRelativePositionFromJSON(JSON.parse(JSON.stringify(caret?.head))),
          elsewhere,
        );
        return head?.index;
      };
      return { editor, goals, sent: () => sent, seenElsewhere };
    }

    it('goes out once, not again with each character typed or deleted at it', () => {
      const { editor, sent, seenElsewhere } = typistInGoals();
      const before = sent();
      expect(seenElsewhere()).toBe('Some words here.'.length);

      for (const key of ' and more') editor.commands.insertContent(key);
      editor.commands.deleteRange({
        from: editor.state.selection.from - 5,
        to: editor.state.selection.from,
      });
      expect(editor.getText()).toBe('Some words here. and');
      expect(sent()).toBe(before);
      // Others place it after the text typed, which lands before what it is tied to.
      expect(seenElsewhere()).toBe('Some words here. and'.length);
    });

    it('goes out when the caret moves, to where it moved', () => {
      const { editor, goals, sent, seenElsewhere } = typistInGoals();
      const before = sent();

      editor.commands.setTextSelection(3);
      expect(sent()).toBe(before + 1);
      expect(seenElsewhere()).toBe(2);

      // Someone else's text before the caret does not make it go out again.
      goals.text.insert(0, 'Our ');
      expect(sent()).toBe(before + 1);
      expect(seenElsewhere()).toBe(6);
    });
  });
});
