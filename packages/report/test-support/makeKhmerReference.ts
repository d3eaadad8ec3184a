/**
 * Makes khmer-specimen.chromium.png, the reference the PDF test compares against: Chromium
 * renders the specimen page with the committed Noto Sans Khmer at twice the CSS pixel
 * density, each line moved so its baseline sits exactly where the PDF puts it.
 *
 *   node --import tsx packages/report/test-support/makeKhmerReference.ts
 *
 * Needs Chromium at /usr/bin/chromium (Debian's `chromium`) or CHROMIUM_PATH. Run once and
 * commit the PNG; the test itself needs no browser.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SPECIMEN, specimenHeight, specimenHtml } from './khmerSpecimen.ts';

/** The PNG the test compares with. */
export const REFERENCE_PNG = fileURLToPath(new URL('khmer-specimen.chromium.png', import.meta.url));
/** Pixels per point in the reference (and in the test's pdftoppm rendering). */
export const REFERENCE_SCALE = 2;

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    const page = await browser.newPage({
      viewport: { width: SPECIMEN.width, height: specimenHeight() },
      deviceScaleFactor: REFERENCE_SCALE,
    });
    const htmlPath = fileURLToPath(new URL('khmer-specimen.tmp.html', import.meta.url));
    writeFileSync(htmlPath, specimenHtml());
    await page.goto(`file://${htmlPath}`);
    // Runs in the page: wait for the font, then move each line by where its baseline
    // really is (the probe is a zero-size box on the baseline).
    await page.evaluate(`(async () => {
      await document.fonts.ready;
      for (const line of document.querySelectorAll('.line')) {
        line.style.top = '0px';
        const actual = line.querySelector('.probe').getBoundingClientRect().top;
        line.style.top = (Number(line.dataset.baseline) - actual) + 'px';
      }
    })()`);
    await page.screenshot({ path: REFERENCE_PNG, fullPage: false });
    rmSync(htmlPath);
    process.stdout.write(`wrote ${REFERENCE_PNG}\n`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
