/**
 * Demo mode (sign-in off) says so on every page: each page route in test/route-expectations.ts PAGES (the list the
 * route guard tests keep complete, so a new page is checked here too), plus the not-found page, shows the banner.
 * Project `demo`: the server runs with ITEMIZED_AUTH=off on the demo organisation.
 */
import { expect, test } from '@playwright/test';
import { PAGES } from '../test/route-expectations';

const BANNER = /Sign-in is off\s*\(demo mode, localhost only\)/;

for (const route of [...Object.keys(PAGES), '/no-such-page']) {
  test(`demo banner on ${route}`, async ({ page }) => {
    const res = await page.goto(route);
    // Every page opens for the demo admin (the sign-in page sends it on to the overview); the unknown one is a 404.
    expect(res?.status(), route).toBe(route === '/no-such-page' ? 404 : 200);
    const banner = page.locator('.demo-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveText(BANNER);
    await expect(banner).toHaveCount(1);
  });
}
