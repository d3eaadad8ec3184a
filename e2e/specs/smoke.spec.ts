import { expect, test } from '../fixtures/test.ts';

test('the server serves the Plenary web app', async ({ actor }) => {
  const { page } = await actor('alice');
  await page.goto('/');
  await expect(page).toHaveTitle(/Plenary/);
});
