/**
 * What the server's check that a member's change in Review is only their own suggestion
 * (`SuggestionGuard`, run on every update of someone who must suggest) costs per update.
 *
 *   node --import tsx bench/suggestionCheck.ts
 *
 * Two sections: a small one (3 paragraphs) and one of about 300 KB (200 paragraphs of
 * 1,200 characters, with 400 pending suggestions of other people). Each update is one
 * suggested keystroke of a member, as their editor writes it: a character with their
 * insertion mark. "Warm" is the usual case, the member typing on; "others typing" puts
 * someone else's change to another paragraph before each keystroke (that paragraph is read
 * again); "first" is a keystroke with a fresh guard, which reads the whole section (the
 * first update after a plan is opened). *Every paragraph*: one update that suggests a word
 * in each paragraph of the large section (a find-and-replace), judged whole (as before
 * `inSteps`) and in steps as the relay does: the longest step is what holds the server's
 * event loop (CPU time of this process, so the shared machine's other work does not count).
 * Results are appended to bench/results/suggestion-check.md.
 */

import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUGGESTION_FORMAT } from '@plenary/editor';
import { SuggestionGuard } from '@plenary/suggestions';
import * as Y from 'yjs';
import { median } from './support/stats.ts';

const UPDATES = 40;
const SENTENCE = 'The national mechanism prevents atrocity crimes in every province. ';
const member = { id: 'u-member', name: 'Sokha', groupId: 'g1' };
const markOf = (id: string, author: typeof member) => ({
  id,
  authorId: author.id,
  authorName: author.name,
  groupId: author.groupId,
  at: 1,
});

function section(paragraphs: number, length: number, pending: number): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('section:s1');
  doc.transact(() => {
    for (let p = 0; p < paragraphs; p++) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.insert(p, [paragraph]);
      text.insert(0, SENTENCE.repeat(Math.ceil(length / SENTENCE.length)).slice(0, length));
    }
    for (let i = 0; i < pending; i++) {
      const text = (fragment.get(i % paragraphs) as Y.XmlElement).get(0) as Y.XmlText;
      const other = { id: `u-${i % 5}`, name: `Writer ${i % 5}`, groupId: 'g2' };
      if (i % 2 === 0)
        text.insert(20 + i, 'new words ', {
          [SUGGESTION_FORMAT.insertion]: markOf(`p${i}`, other),
        });
      else text.format(200 + i, 12, { [SUGGESTION_FORMAT.deletion]: markOf(`p${i}`, other) });
    }
  });
  return fragment;
}

/** Times `UPDATES` keystrokes of the member; `between` runs untimed before each. */
function keystrokes(
  fragment: Y.XmlFragment,
  between: (i: number) => void,
  fresh = false,
): number[] {
  let guard = new SuggestionGuard();
  const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const times: number[] = [];
  guard.before(fragment)(member);
  for (let i = 0; i < UPDATES; i++) {
    between(i);
    if (fresh) guard = new SuggestionGuard();
    const start = performance.now();
    const verdict = guard.before(fragment);
    text.insert(5 + i, 'x', { [SUGGESTION_FORMAT.insertion]: markOf('s1', member) });
    const problem = verdict(member);
    times.push(performance.now() - start);
    if (problem) throw new Error(`an honest keystroke was refused: ${problem}`);
  }
  return times;
}

const ms = (values: number[]) =>
  `${median(values).toFixed(2)} ms | ${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)} ms`;
const date = new Date().toISOString().slice(0, 10);
const machine = `${os.cpus().length} cores (load ${os.loadavg()[0]?.toFixed(0)}), Node ${process.version}`;
const rows: string[] = [];
// Warm-up, untimed: the first keystrokes of a process measure the JIT, not the check.
keystrokes(section(20, 300, 10), () => undefined);
for (const [name, paragraphs, length, pending] of [
  ['small', 3, 300, 4],
  ['large', 200, 1200, 400],
] as const) {
  const fragment = section(paragraphs, length, pending);
  const bytes = Y.encodeStateAsUpdate(fragment.doc as Y.Doc).byteLength;
  const size = `${name}: ${paragraphs} paragraphs, ${(bytes / 1024).toFixed(0)} KiB encoded`;
  const warm = keystrokes(fragment, () => undefined);
  // Someone else's change to another paragraph makes the guard read that paragraph again.
  const last = (fragment.get(paragraphs - 1) as Y.XmlElement).get(0) as Y.XmlText;
  const others = keystrokes(fragment, (i) =>
    last.insert(0, 'y', {
      [SUGGESTION_FORMAT.insertion]: markOf(`o${i}`, { ...member, id: 'u-other' }),
    }),
  );
  const first = keystrokes(fragment, () => undefined, true);
  rows.push(`| ${date} | ${machine} | ${size} | typing on | ${ms(warm)} |`);
  rows.push(`| ${date} | ${machine} | ${size} | others typing elsewhere | ${ms(others)} |`);
  rows.push(`| ${date} | ${machine} | ${size} | first check (whole section read) | ${ms(first)} |`);
}
// One update that touches every paragraph: the whole verdict against its longest step, in
// CPU time (a shared machine's other work descheduling this process does not count).
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
{
  const fragment = section(200, 1200, 400);
  const whole: number[] = [];
  const longest: number[] = [];
  const stepCounts: number[] = [];
  for (let i = 0; i < 6; i++) {
    for (const stepped of [false, true]) {
      // Judged whole, as before `inSteps`: a guard whose parts are never cut.
      const guard = new SuggestionGuard(stepped ? undefined : Number.POSITIVE_INFINITY);
      const verdict = guard.before(fragment);
      fragment.doc?.transact(() => {
        for (let p = 0; p < 200; p++) {
          const text = (fragment.get(p) as Y.XmlElement).get(0) as Y.XmlText;
          text.insert(2, 'and ', { insertion: markOf(`w${i}${stepped}`, member) });
        }
      });
      let problem: string | null;
      if (stepped) {
        const steps: number[] = [];
        let last = cpuMs();
        problem = await verdict.inSteps(member, () => {
          steps.push(cpuMs() - last);
          return new Promise<void>((resolve) =>
            setImmediate(() => {
              last = cpuMs();
              resolve();
            }),
          );
        });
        steps.push(cpuMs() - last);
        longest.push(Math.max(...steps));
        stepCounts.push(steps.length);
      } else {
        const start = cpuMs();
        problem = verdict(member);
        whole.push(cpuMs() - start);
      }
      if (problem) throw new Error(`an honest change was refused: ${problem}`);
    }
  }
  const size = 'large: 200 paragraphs, a suggested word in every one (one update)';
  rows.push(`| ${date} | ${machine} | ${size} | judged whole (before) | ${ms(whole)} |`);
  rows.push(
    `| ${date} | ${machine} | ${size} | in steps (${median(stepCounts)} steps): longest step | ${ms(longest)} |`,
  );
}
// One paragraph, one update suggesting a word between every two letters: parts cannot cut
// a paragraph, so this is one step however it is judged. Judging it once took a second for
// 1,200 words (a step per suggestion, each copying the paragraph); now it follows the
// paragraph's length. `plain` makes one of the words plain text (refused: the refused path
// judges twice, the second time reading typed-on text).
for (const words of [600, 1200]) {
  for (const plain of [false, true]) {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      // The paragraph is the server's; the member writes from a Yjs client of their own.
      const server = new Y.Doc();
      const fragment = server.getXmlFragment('section:s1');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('ab'.repeat(words + 10))]);
      fragment.insert(0, [paragraph]);
      const writer = new Y.Doc();
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
      const text = (writer.getXmlFragment('section:s1').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      writer.transact(() => {
        for (let w = 0; w < words; w++) {
          const mark = { [SUGGESTION_FORMAT.insertion]: markOf(`m${w}`, member) };
          text.insert(3 * w, 'x', plain && w === words / 2 ? {} : mark);
        }
      });
      const guard = new SuggestionGuard();
      guard.before(fragment)(member);
      const verdict = guard.before(fragment);
      Y.applyUpdate(server, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(server)));
      const start = cpuMs();
      const problem = verdict(member);
      times.push(cpuMs() - start);
      if (plain !== (problem !== null)) throw new Error(`wrong verdict: ${problem}`);
    }
    const size = `one paragraph of ${words * 3 + 20} characters, ${words} separate suggested words (one update)`;
    rows.push(
      `| ${date} | ${machine} | ${size} | ${plain ? 'one word plain: refused' : 'taken'} | ${ms(times)} |`,
    );
  }
}
const results = path.join(import.meta.dirname, 'results', 'suggestion-check.md');
appendFileSync(results, `${rows.join('\n')}\n`);
console.log(rows.join('\n'));
