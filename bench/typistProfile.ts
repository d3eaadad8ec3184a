/**
 * A CPU profile of the typist's page over many keys (KEYS, 240 by default), on Plenary's plan
 * page and on the reference page of bench/typingCompare.ts, in turn: typingCompare's traced
 * round profiles 24 keys, too few to tell apart functions that differ by a tenth of a
 * millisecond per key. Writes `<DIR>/<page>.cpuprofile`, to read with cpuProfileSummary.ts.
 *
 *   node --import tsx bench/typistProfile.ts DIR
 *
 * Needs the built web app and server, as typingCompare.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withDemoPlanPages } from './support/demoPlanPages.ts';
import { caretAtEnd, END_MARKER } from './support/typingVariants.ts';

const KEYS = Number(process.env.KEYS ?? 240);
const TYPING_DELAY_MS = 60;
const dir = process.argv[2];
if (!dir) throw new Error('usage: typistProfile.ts DIR');
mkdirSync(dir, { recursive: true });

await withDemoPlanPages(async (plans, browser) => {
  for (const { label, plan: prepared } of plans) {
    const typist = await prepared.open(await browser.newContext(), 'Typist');
    const watcher = await prepared.open(await browser.newContext(), 'Watcher');
    await prepared.editor(watcher, 1).getByText(END_MARKER).waitFor();
    await caretAtEnd(prepared.editor(typist, 1));
    // Warm up: the first keys compile and build what later keys reuse.
    await typist.keyboard.type(' warm up the page', { delay: TYPING_DELAY_MS });
    const cdp = await typist.context().newCDPSession(typist);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const words = 'the national mechanism meets each quarter ';
    let keys = 0;
    while (keys < KEYS) {
      const word = words.slice(0, Math.min(words.length, KEYS - keys));
      await typist.keyboard.type(word, { delay: TYPING_DELAY_MS });
      keys += word.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(path.join(dir, `${label.toLowerCase()}.cpuprofile`), JSON.stringify(profile));
    console.log(`${label}: ${keys} keys profiled`);
    await typist.context().close();
    await watcher.context().close();
  }
});
