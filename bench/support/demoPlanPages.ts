/**
 * The demo plan, prepared alike for Plenary's plan page and the reference page (see
 * typingVariants.ts), for the probes that look at one page of each in turn.
 */
import { type Browser, chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/browser.ts';
import { startPlenaryServer } from '../../e2e/support/server.ts';
import { type PreparedPlan, plenaryVariant, referenceVariant } from './typingVariants.ts';

/** A page kind's name and the demo plan prepared for it. */
export interface LabelledPlan {
  label: 'reference' | 'Plenary';
  plan: PreparedPlan;
}

/**
 * Starts a Plenary server, the reference page and its relay, and a Chromium; prepares the
 * demo plan on both (the reference with Plenary's content); runs `probe` with the two plans,
 * reference first; and closes everything, whether it succeeded or not.
 */
export async function withDemoPlanPages(
  probe: (plans: readonly LabelledPlan[], browser: Browser) => Promise<void>,
): Promise<void> {
  const plenary = await startPlenaryServer({ env: { LOG_LEVEL: 'warn' } });
  const reference = await referenceVariant();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const shape = { name: 'demo plan', typeIn: 1 };
    const plan = await plenaryVariant('Plenary', plenary).prepare(shape, null);
    const referencePlan = await reference.variant.prepare(shape, plan.doc);
    await probe(
      [
        { label: 'reference', plan: referencePlan },
        { label: 'Plenary', plan },
      ],
      browser,
    );
  } finally {
    await browser.close();
    await reference.close();
    await plenary.stop();
  }
}
