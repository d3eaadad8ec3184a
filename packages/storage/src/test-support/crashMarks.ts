/**
 * What the crash test's child process writes, shared with the test that checks it: each
 * update types its own seq, so the recovered text shows exactly which updates survived.
 */

/** The plan the child process appends to. */
export const CRASH_PLAN_ID = 'crash-test';

/** The text that the update with this seq appends. */
export const markOf = (seq: number): string => `${seq};`;

/** The text of the plan once updates 1 through `seq` are applied. */
export const textThrough = (seq: number): string =>
  Array.from({ length: seq }, (_, index) => markOf(index + 1)).join('');
