import { sectionFragmentName } from '@plenary/model';
import { CloseCode, updateFrame } from '@plenary/relay';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AttackerSocket } from './support/AttackerSocket.ts';
import { deletionUpdate } from './support/craftedUpdates.ts';
import { checkStoredPlan, docFrom } from './support/storedPlanCheck.ts';
import { joinAs, useTestServer } from './support/testServer.ts';

/** The Yjs id of the character at `offset` of a section's first paragraph. */
function idInFirstParagraph(doc: Y.Doc, root: string, offset: number): Y.ID {
  const paragraph = doc.getXmlFragment(root).get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  let left = offset;
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (left < item.length) return Y.createID(item.id.client, item.id.clock + left);
    left -= item.length;
  }
  throw new Error(`${root} has no character at ${offset}`);
}

// Seed 1207011 of bench/fuzzFrames.ts failed 2 runs in 3: "…in rural area." was stored for
// the seeded "…in rural areas.". That text is in the template's second section of group 1,
// which the member attacker (of group 1) may write in Drafting like their first; the check
// allowed only the first, so a legitimate deletion there, by a mutated frame of theirs that
// happened to land on it, read as a broken promise. It depended on timing because which
// lane sends which frame, and what the plan holds when its corpus is built, does.
describe('the stored-plan check of the frame fuzzer', () => {
  const { server, plan } = useTestServer();

  it("takes a member's deletion in any section of their group as theirs, and still catches one elsewhere", async () => {
    const rootsOf = (groupId: string) =>
      plan()
        .sections.filter((s) => s.groupId === groupId)
        .map((s) => sectionFragmentName(s.id));
    const memberSections = new Set(rootsOf('g1'));
    const [firstOwn, secondOwn] = rootsOf('g1') as [string, string];
    const [otherGroups] = rootsOf('g2') as [string];
    expect(memberSections.size).toBe(2);

    const initial = await server().app.relay.read(plan().id, (doc) => Y.encodeStateAsUpdate(doc));
    const before = docFrom([initial]);
    const deletionAt = (root: string) => {
      const { client, clock } = idInFirstParagraph(before, root, 5);
      return deletionUpdate([{ client, clock, len: 1 }]);
    };
    const member = await joinAs(
      server(),
      plan(),
      { role: 'member', groupId: 'g1' },
      'Member of g1',
    );
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Observer');
    const socket = await AttackerSocket.open(
      `${server().syncUrl}/${plan().id}?token=${member.sessionToken}`,
    );
    // The rights table: their group's second section is theirs, another group's is not.
    expect(await socket.probe(updateFrame(deletionAt(secondOwn)), 1)).toBe('answered');
    expect(await socket.probe(updateFrame(deletionAt(otherGroups)), 2)).toBe(CloseCode.FORBIDDEN);
    socket.close();

    const stored = docFrom((await server().app.store.loadDocument(plan().id))?.updates ?? []);
    expect(stored.getXmlFragment(secondOwn).toString()).not.toBe(
      before.getXmlFragment(secondOwn).toString(),
    );
    const check = (storedDoc: Y.Doc, sections: ReadonlySet<string>) =>
      checkStoredPlan({
        stored: storedDoc,
        expected: docFrom([initial]),
        attribution: [],
        memberSections: sections,
        observerId: observer.participantId,
        memberId: member.participantId,
        foreignClientIds: [],
        honest: [],
        ownershipEnforced: true,
      }).failures;
    expect(check(stored, memberSections)).toEqual([]);
    // What the check said before it knew the group's sections: a broken promise.
    expect(check(stored, new Set([firstOwn]))).toEqual([
      `the stored "${secondOwn}" is not what honest people typed (an attacker changed it, or honest text was lost)`,
    ]);
    // Had the server let the other group's deletion through, the check would say so.
    Y.applyUpdate(stored, deletionAt(otherGroups));
    expect(check(stored, memberSections)).toEqual([
      `the stored "${otherGroups}" is not what honest people typed (an attacker changed it, or honest text was lost)`,
    ]);
  });
});
