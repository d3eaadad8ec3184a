/**
 * The crash test's child process: appends real Yjs updates to one plan as fast as it
 * can, compacting every few appends, and prints each seq once its append has resolved.
 * It resumes the plan if the file already holds it, and never stops by itself: the test
 * SIGKILLs it.
 *
 * Usage: node --import tsx appendForever.ts <database file>
 */
import * as Y from 'yjs';
import { SqliteStorage } from '../SqliteStorage.ts';
import { CRASH_PLAN_ID, markOf } from './crashMarks.ts';
import { docOf, TEXT_NAME } from './yjsText.ts';

// Compacting this often makes it likely that the kill lands inside a compaction too.
const COMPACT_EVERY = 20;

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: appendForever.ts <database file>\n');
  process.exit(2);
}

const store = SqliteStorage.open(file).documents;
// After an earlier run was killed, carry on from what the store kept, as a restarted
// server would.
const stored = await store.loadDocument(CRASH_PLAN_ID);
const doc = stored ? docOf(stored.updates) : new Y.Doc();
if (!stored) {
  await store.createPlan({
    id: CRASH_PLAN_ID,
    title: 'Crash test',
    initialState: Y.encodeStateAsUpdate(doc),
  });
}
const text = doc.getText(TEXT_NAME);
const origin = { clientIds: [doc.clientID], participantId: 'crash-test' };

for (let seq = (stored?.lastSeq ?? 0) + 1; ; seq++) {
  const before = Y.encodeStateVector(doc);
  text.insert(text.length, markOf(seq));
  const result = await store.appendUpdate(
    CRASH_PLAN_ID,
    Y.encodeStateAsUpdate(doc, before),
    origin,
  );
  if (result.seq !== seq) throw new Error(`expected seq ${seq}, the store gave ${result.seq}`);
  // Only now is the update durable, so only now may the test count on it.
  process.stdout.write(`${seq}\n`);
  if (seq % COMPACT_EVERY === 0) {
    await store.compact(CRASH_PLAN_ID, Y.encodeStateAsUpdate(doc), seq);
  }
}
