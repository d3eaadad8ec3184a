/**
 * Makes the plan's section editors one per task. Making an editor draws and lays out its
 * whole section (the Yjs binding renders the text as the editor is made): on opening a
 * plan, every section's editor was made in one effect flush, one long task, and the first
 * section could be typed in only once the last was drawn. The first editor of a flush is
 * made at once; the others follow in document order, each in a task of its own, so the
 * browser paints and takes keys between them.
 */

interface Turn {
  make: () => void;
  cancelled: boolean;
}

const waiting: Turn[] = [];
/** True from an editor made at once until the next task: later ones wait their turn. */
let busy = false;

function next(): void {
  let turn = waiting.shift();
  while (turn?.cancelled) turn = waiting.shift();
  if (!turn) {
    busy = false;
    return;
  }
  turn.make();
  setTimeout(next, 0);
}

/**
 * Runs `make` now if no editor was made in this task, else after those before it, in a
 * task of its own. Returns the function that cancels it if it has not run yet.
 */
export function makeInTurn(make: () => void): () => void {
  if (!busy) {
    busy = true;
    make();
    setTimeout(next, 0);
    return () => {};
  }
  const turn: Turn = { make, cancelled: false };
  waiting.push(turn);
  return () => {
    turn.cancelled = true;
  };
}
