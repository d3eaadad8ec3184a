import { SUGGESTION_FORMAT, sectionPlainText } from '@plenary/editor';
import { CloseCode, sectionFragmentName } from '@plenary/model';
import { listFragmentSuggestions } from '@plenary/suggestions';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, type StockClient, whenClosed, whenSynced } from './support/stockClient.ts';
import { callApi, joinAs, useTestServer } from './support/testServer.ts';

// Attacks on Review as a hostile member would make them: a stock y-websocket client writing
// crafted Yjs changes into the plan. Each is refused with 4403 and never reaches anyone;
// honest suggestions before and after go through, and what is stored does not change.

const scene = useTestServer();
const { server, plan } = scene;

interface Person {
  participantId: string;
  name: string;
  groupId: string | null;
  token: string;
}

const sectionOf = (groupId: string): string => {
  const section = plan().sections.find((s) => s.groupId === groupId);
  if (!section) throw new Error(`no section for ${groupId}`);
  return section.id;
};

const connect = (person: Person): StockClient => scene.connect(person.token);

async function join(role: string, groupId: string | null, name: string): Promise<Person> {
  const joined = await joinAs(server(), plan(), { role, groupId }, name);
  return { participantId: joined.participantId, name, groupId, token: joined.sessionToken };
}

const fragmentOf = (client: StockClient, sectionId: string) =>
  client.doc.getXmlFragment(sectionFragmentName(sectionId));
const textOf = (client: StockClient, sectionId: string) =>
  sectionPlainText(fragmentOf(client, sectionId));
const pendingOf = (client: StockClient, sectionId: string) =>
  listFragmentSuggestions(fragmentOf(client, sectionId));

/** The text of the section's first paragraph, where the attacks write. */
function firstRun(client: StockClient, sectionId: string): Y.XmlText {
  const paragraph = fragmentOf(client, sectionId)
    .toArray()
    .find((block) => block instanceof Y.XmlElement && block.nodeName === 'paragraph');
  const run = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(run instanceof Y.XmlText)) throw new Error('no paragraph text in the section');
  return run;
}

/** A suggestion mark's attributes in a person's name, as the editor writes them. */
const markOf = (person: Person, id: string) => ({
  id,
  authorId: person.participantId,
  authorName: person.name,
  groupId: person.groupId,
  at: Date.parse('2026-03-01T08:30:00Z'),
});

let sokha: Person;
let dara: Person;
let focal: Person;
let attacker: StockClient;
let reviewer: StockClient;
let target: string;
let original: string;

beforeEach(async () => {
  const phase = await callApi(server(), 'PUT', `/api/plans/${plan().id}/phase`, {
    token: plan().facilitatorToken,
    body: { phase: 'review' },
  });
  expect(phase.status).toBe(200);
  sokha = await join('member', 'g1', 'Sokha');
  dara = await join('member', 'g2', 'Dara');
  focal = await join('focal-point', null, 'Focal point');
  attacker = connect(sokha);
  reviewer = connect(focal);
  await Promise.all([whenSynced(attacker), whenSynced(reviewer)]);
  // Group 1's member works on group 2's section, which Review allows as suggestions.
  target = sectionOf('g2');
  original = textOf(reviewer, target);
});

/**
 * After a refused attack: an honest member suggests something, and once the reviewer sees
 * it (the relay handles updates in order) the attack has certainly not reached them.
 * A client that connects afterwards reads what storage has.
 */
async function honestWorkGoesOn(): Promise<StockClient> {
  const honest = connect(dara);
  await whenSynced(honest);
  const run = firstRun(honest, target);
  run.insert(0, 'Honest words. ', { [SUGGESTION_FORMAT.insertion]: markOf(dara, 'dara-1') });
  await eventually(
    () => pendingOf(reviewer, target).some((s) => s.id === 'dara-1'),
    5_000,
    "the honest member's suggestion at the reviewer",
  );
  const late = connect(focal);
  await whenSynced(late);
  await eventually(() => textOf(late, target) === textOf(reviewer, target), 5_000, 'late sync');
  return late;
}

/** Dara, an honest member, suggests "dara-0" at the start of the target; the attacker sees it. */
async function daraSuggests(): Promise<void> {
  const honest = connect(dara);
  await whenSynced(honest);
  firstRun(honest, target).insert(0, 'Dara proposes this. ', {
    [SUGGESTION_FORMAT.insertion]: markOf(dara, 'dara-0'),
  });
  await eventually(
    () => pendingOf(attacker, target).some((s) => s.id === 'dara-0'),
    5_000,
    "Dara's suggestion at the attacker",
  );
}

async function expectRefused(attack: () => void, reason: RegExp): Promise<void> {
  const closed = whenClosed(attacker);
  attack();
  expect(await closed).toEqual({
    code: CloseCode.FORBIDDEN,
    reason: expect.stringMatching(reason),
  });
}

describe('Review on the server: a member changes a section only by suggesting', () => {
  it("refuses plain text written into another group's section", async () => {
    await expectRefused(
      () => firstRun(attacker, target).insert(0, 'Forged policy. '),
      /must be suggestions/,
    );
    const late = await honestWorkGoesOn();
    for (const client of [reviewer, late]) {
      expect(textOf(client, target)).not.toContain('Forged policy.');
      expect(textOf(client, target)).toBe(`Honest words. ${original}`);
    }
  });

  it("refuses deleting another group's text outright", async () => {
    const run = firstRun(attacker, target);
    const removed = run.toString().slice(0, 20);
    await expectRefused(() => run.delete(0, 20), /must be suggestions/);
    const late = await honestWorkGoesOn();
    for (const client of [reviewer, late]) {
      expect(textOf(client, target)).toContain(removed);
      expect(textOf(client, target)).toBe(`Honest words. ${original}`);
    }
  });

  it("refuses a suggestion in the focal point's name, which never shows in the review panel", async () => {
    await expectRefused(
      () =>
        firstRun(attacker, target).insert(0, 'Approved by the focal point. ', {
          [SUGGESTION_FORMAT.insertion]: markOf(focal, 'forged-1'),
        }),
      /in the name of "Focal point"/,
    );
    const late = await honestWorkGoesOn();
    for (const client of [reviewer, late]) {
      expect(pendingOf(client, target).map((s) => [s.id, s.authorName])).toEqual([
        ['dara-1', 'Dara'],
      ]);
    }
  });

  it('refuses a suggestion in your own id but another name or group', async () => {
    await expectRefused(
      () =>
        firstRun(attacker, target).insert(0, 'From group 2. ', {
          [SUGGESTION_FORMAT.insertion]: { ...markOf(sokha, 'renamed-1'), groupId: 'g2' },
        }),
      /your name and group/,
    );
  });

  it("refuses one's own text under the id of someone else's suggestion, which would go in with theirs", async () => {
    await daraSuggests();
    const run = firstRun(attacker, target);
    await expectRefused(
      () =>
        run.insert(run.length, ' And disband the mechanism.', {
          [SUGGESTION_FORMAT.insertion]: markOf(sokha, 'dara-0'),
        }),
      /reuses the id of someone else/,
    );
    const late = await honestWorkGoesOn();
    for (const client of [reviewer, late]) {
      expect(textOf(client, target)).not.toContain('disband');
    }
  });

  it('takes honest suggestions, but refuses removing their marks (accepting them oneself)', async () => {
    const run = firstRun(attacker, target);
    run.insert(0, 'Protect every civilian. ', {
      [SUGGESTION_FORMAT.insertion]: markOf(sokha, 'sokha-1'),
    });
    run.format(30, 8, { [SUGGESTION_FORMAT.deletion]: markOf(sokha, 'sokha-2') });
    await eventually(
      () => pendingOf(reviewer, target).length === 2,
      5_000,
      "the member's suggestions at the reviewer",
    );
    await expectRefused(
      () => run.format(0, 24, { [SUGGESTION_FORMAT.insertion]: null }),
      /must be suggestions/,
    );
    const late = await honestWorkGoesOn();
    for (const client of [reviewer, late]) {
      expect(
        pendingOf(client, target)
          .map((s) => s.id)
          .sort(),
      ).toEqual(['dara-1', 'sokha-1', 'sokha-2']);
    }
  });

  // Over 500 structs in one update: the relay checks and applies it in pieces and judges
  // the whole once all are in.
  it('takes a large suggestion sent as one update, and refuses one with plain text in it', async () => {
    const run = firstRun(attacker, target);
    const scattered = (id: string) => {
      for (let i = 0; i < 600; i++) {
        run.insert((i * 7) % run.length, 'y', { insertion: markOf(sokha, id) });
      }
    };
    attacker.doc.transact(() => scattered('sokha-big'));
    await eventually(
      () => pendingOf(reviewer, target).some((s) => s.id === 'sokha-big'),
      10_000,
      "the member's large suggestion at the reviewer",
    );
    const suggested = textOf(reviewer, target);
    expect(suggested).toBe(textOf(attacker, target));
    await expectRefused(
      () =>
        attacker.doc.transact(() => {
          scattered('sokha-big-2');
          run.insert(0, 'Forged at the start. ');
        }),
      /must be suggestions/,
    );
    const late = await honestWorkGoesOn();
    for (const client of [reviewer, late]) {
      expect(textOf(client, target)).not.toContain('Forged');
      expect(textOf(client, target)).toBe(`Honest words. ${suggested}`);
    }
  });

  it("refuses taking another person's suggestion off the text", async () => {
    await daraSuggests();
    await expectRefused(
      () => firstRun(attacker, target).format(0, 20, { [SUGGESTION_FORMAT.insertion]: null }),
      /must be suggestions/,
    );
    expect(pendingOf(reviewer, target).map((s) => s.id)).toEqual(['dara-0']);
  });
});
