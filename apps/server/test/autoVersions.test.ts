import { type Phase, readPlan, setPhase, setPlanTitle } from '@plenary/model';
import { Relay } from '@plenary/relay';
import { InMemoryStorage } from '@plenary/storage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createPlan } from '../src/plans/createPlan.ts';
import { AutoVersions } from '../src/versions/AutoVersions.ts';

const T0 = Date.parse('2026-03-01T09:00:00Z');
const MINUTE = 60_000;

let storage: InMemoryStorage;
let relay: Relay;
let auto: AutoVersions;
let planId: string;
const warnings: string[] = [];

const at = (minutes: number) => vi.setSystemTime(T0 + minutes * MINUTE);

async function start(intervalMinutes: number): Promise<void> {
  storage = new InMemoryStorage();
  const quiet = () => undefined;
  auto = new AutoVersions({
    versions: storage.versions,
    documents: storage.documents,
    logger: { warn: (_context, message) => warnings.push(message) },
    intervalMinutes,
  });
  relay = new Relay({
    persistence: storage.documents,
    logger: { info: quiet, warn: quiet, error: quiet },
    extensions: [auto],
  });
  at(0);
  planId = (await createPlan(storage.documents, 'Plan', 'blank')).id;
}

/** Changes the plan's title at `minutes` past T0, through the relay, and lets any check finish. */
async function editAt(minutes: number, title = `Title at ${minutes}`): Promise<void> {
  at(minutes);
  await relay.transact(planId, (doc) => setPlanTitle(doc, title), 'p1');
  await auto.idle();
}

const versions = async () =>
  (await storage.versions.listVersions(planId)).map((v) => ({
    reason: v.reason,
    minute: (v.createdAt.getTime() - T0) / MINUTE,
  }));

/** The plan as a saved version holds it. */
async function planIn(versionId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await storage.versions.versionState(planId, versionId)) ?? new Uint8Array());
  return readPlan(doc);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(async () => {
  await relay.close();
  await auto.idle();
  await storage.close();
  vi.useRealTimers();
  expect(warnings.splice(0)).toEqual([]);
});

describe('activity versions', () => {
  it('come once the newest version (or the plan) is an interval old, not before', async () => {
    await start(10);
    await editAt(5);
    expect(await versions()).toEqual([]);
    await editAt(10);
    await editAt(15);
    expect(await versions()).toEqual([{ reason: 'activity', minute: 10 }]);
    await editAt(21);
    expect(await versions()).toEqual([
      { reason: 'activity', minute: 21 },
      { reason: 'activity', minute: 10 },
    ]);
    const [newest] = await storage.versions.listVersions(planId);
    expect((await planIn(newest?.id ?? '')).title).toBe('Title at 21');
  });

  it('count from the newest version of any kind', async () => {
    await start(10);
    at(8);
    await storage.versions.createVersion({
      id: 'named',
      planId,
      name: 'End of day 1',
      reason: 'named',
      createdBy: null,
      createdByName: 'facilitator',
      state: new Uint8Array([0, 0]),
    });
    await editAt(12);
    expect(await versions()).toEqual([{ reason: 'named', minute: 8 }]);
    await editAt(18);
    expect((await versions())[0]).toEqual({ reason: 'activity', minute: 18 });
  });

  it('are not saved when nothing changed since the newest version', async () => {
    await start(10);
    await editAt(10);
    at(30);
    // As if a stored update had changed nothing the newest version lacks.
    auto.onUpdateStored({ planId, bytes: 0, participantId: null, plans: relay });
    await auto.idle();
    expect(await versions()).toEqual([{ reason: 'activity', minute: 10 }]);
    await editAt(31);
    expect(await versions()).toHaveLength(2);
  });

  it('are off with an interval of 0', async () => {
    await start(0);
    await editAt(60);
    await editAt(600);
    expect(await versions()).toEqual([]);
  });
});

describe('phase versions', () => {
  const changePhase = (phase: Phase) =>
    auto.versionPhaseChange(relay, planId, { createdBy: 'p1', createdByName: 'Dara' }, () =>
      relay.transact(planId, (doc) => setPhase(doc, phase), 'p1'),
    );

  it('come after each phase change, in the new phase, and the activity check stands aside', async () => {
    await start(10);
    at(11);
    // Due for an activity version too, but the phase version holds the same state.
    await changePhase('review');
    await auto.idle();
    const [version] = await storage.versions.listVersions(planId);
    expect(version).toMatchObject({ reason: 'phase', name: null, createdByName: 'Dara' });
    expect((await planIn(version?.id ?? '')).phase).toBe('review');
    expect(await versions()).toEqual([{ reason: 'phase', minute: 11 }]);

    // Setting the phase it already has is no change.
    at(12);
    await changePhase('review');
    expect(await versions()).toHaveLength(1);
  });

  it('are not saved when the change is refused', async () => {
    await start(10);
    const refused = auto.versionPhaseChange(
      relay,
      planId,
      { createdBy: null, createdByName: null },
      () => Promise.reject(new Error('forbidden')),
    );
    await expect(refused).rejects.toThrow('forbidden');
    expect(await versions()).toEqual([]);
  });
});
