import { describe, expect, it } from 'vitest';
import { GroupCommit, type WriteOutcome } from './GroupCommit.ts';

/** A database whose commits finish when the test says so, recording each group it was given. */
function heldDatabase() {
  const groups: string[][] = [];
  const finishers: ((outcome: 'commit' | Error) => void)[] = [];
  const commitGroup = (items: readonly string[]): Promise<WriteOutcome<string>[]> => {
    groups.push([...items]);
    return new Promise((resolve, reject) => {
      finishers.push((outcome) => {
        if (outcome instanceof Error) reject(outcome);
        else resolve(items.map((item) => ({ ok: true, value: `stored ${item}` })));
      });
    });
  };
  const finish = (outcome: 'commit' | Error = 'commit') => {
    const next = finishers.shift();
    if (!next) throw new Error('no commit is in flight');
    next(outcome);
  };
  return { groups, commitGroup, finish };
}

/** Lets scheduled callbacks, promise callbacks and one pass of the event loop run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits the writes that arrive while a commit is in flight together, once it is done', async () => {
    const db = heldDatabase();
    const commits = new GroupCommit(db.commitGroup);
    const first = commits.submit('a');
    await settle();
    expect(db.groups).toEqual([['a']]);
    const behind = [commits.submit('b'), commits.submit('c'), commits.submit('d')];
    await settle();
    // Nothing starts while the first commit holds the database.
    expect(db.groups).toEqual([['a']]);
    db.finish();
    expect(await first).toBe('stored a');
    await settle();
    expect(db.groups).toEqual([['a'], ['b', 'c', 'd']]);
    db.finish();
    expect(await Promise.all(behind)).toEqual(['stored b', 'stored c', 'stored d']);
  });

  it('answers no caller before its group is committed, and answers them in order', async () => {
    const db = heldDatabase();
    const commits = new GroupCommit(db.commitGroup);
    const answered: string[] = [];
    const writes = ['a', 'b', 'c'].map((item) =>
      commits.submit(item).then((value) => answered.push(value)),
    );
    await settle();
    await settle();
    expect(db.groups).toEqual([['a', 'b', 'c']]);
    expect(answered).toEqual([]);
    db.finish();
    await Promise.all(writes);
    expect(answered).toEqual(['stored a', 'stored b', 'stored c']);
  });

  it('rejects every write of a failed group with its error, and commits the next group apart', async () => {
    const db = heldDatabase();
    const commits = new GroupCommit(db.commitGroup);
    const failed = [commits.submit('a'), commits.submit('b')].map((write) =>
      write.then(
        () => 'stored',
        (error: Error) => error.message,
      ),
    );
    await settle();
    const later = commits.submit('c');
    db.finish(new Error('disk full'));
    expect(await Promise.all(failed)).toEqual(['disk full', 'disk full']);
    await settle();
    expect(db.groups).toEqual([['a', 'b'], ['c']]);
    db.finish();
    expect(await later).toBe('stored c');
  });

  it('refuses one write alone when the group reports it refused', async () => {
    const commits = new GroupCommit<string, string>((items) =>
      items.map((item) =>
        item === 'gone'
          ? { ok: false, error: new Error('no such plan') }
          : { ok: true, value: item },
      ),
    );
    const results = await Promise.allSettled([
      commits.submit('a'),
      commits.submit('gone'),
      commits.submit('b'),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('no such plan') },
      { status: 'fulfilled', value: 'b' },
    ]);
  });

  it('writes what is waiting at once on flush, with a synchronous database before flush returns', async () => {
    const groups: string[][] = [];
    const commits = new GroupCommit<string, string>((items) => {
      groups.push([...items]);
      return items.map((item) => ({ ok: true, value: item }));
    });
    const writes = [commits.submit('a'), commits.submit('b')];
    const flushed = commits.flush();
    expect(groups).toEqual([['a', 'b']]);
    await flushed;
    expect(await Promise.all(writes)).toEqual(['a', 'b']);
    await settle();
    expect(groups).toEqual([['a', 'b']]);
  });

  it('flush waits for a commit in flight and for the writes queued behind it', async () => {
    const db = heldDatabase();
    const commits = new GroupCommit(db.commitGroup);
    void commits.submit('a');
    await settle();
    void commits.submit('b');
    let flushed = false;
    const flushing = commits.flush().then(() => {
      flushed = true;
    });
    db.finish();
    await settle();
    expect(db.groups).toEqual([['a'], ['b']]);
    expect(flushed).toBe(false);
    db.finish();
    await flushing;
    expect(flushed).toBe(true);
  });
});
