import { describe, expect, it } from 'vitest';
import { makeInTurn } from './editorTurns.ts';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('makeInTurn', () => {
  it('makes the first editor at once and each of the others in a task of its own, in order', async () => {
    const made: string[] = [];
    makeInTurn(() => made.push('first'));
    makeInTurn(() => made.push('second'));
    makeInTurn(() => made.push('third'));
    expect(made).toEqual(['first']);
    await nextTask();
    expect(made).toEqual(['first', 'second']);
    await nextTask();
    expect(made).toEqual(['first', 'second', 'third']);
    await nextTask();
    // Once the turns are done, the next editor is made at once again.
    makeInTurn(() => made.push('later'));
    expect(made).toEqual(['first', 'second', 'third', 'later']);
    await nextTask();
  });

  it('skips an editor whose component went before its turn', async () => {
    const made: string[] = [];
    makeInTurn(() => made.push('first'));
    const cancel = makeInTurn(() => made.push('gone'));
    makeInTurn(() => made.push('kept'));
    cancel();
    await nextTask();
    expect(made).toEqual(['first', 'kept']);
    await nextTask();
  });
});
