// The editors' "What visitors search" view and synonyms editor, in Chromium:
// an editor sees a query that found nothing, just searched, makes a synonym
// group from it in one click, and the same search then finds the entry.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchChromium } from './chromium.mjs';
import { startServer } from './lc-server.mjs';

let server;
let browser;

before(async () => {
    server = await startServer();
    browser = await launchChromium();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

const resultSlugs = (page) => page.locator('#result-list .result').evaluateAll((els) => els.map((el) => el.dataset.slug));

async function submitSearch(page, q) {
    await page.fill('#q', q);
    await page.press('#q', 'Enter');
    await page.waitForFunction((text) => {
        const section = document.getElementById('results');
        return new URL(location.href).searchParams.get('q') === text && section && !section.hidden &&
            !section.hasAttribute('aria-busy') && document.getElementById('result-count').textContent !== '';
    }, q);
}

test('an editor turns a zero-result query into a synonym group, and the search then finds the entry', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    const word = 'zorbleflax';
    const slug = 'dinh-pu-ta-leng';

    await page.goto(server.baseUrl + '/');
    await submitSearch(page, word);
    assert.deepEqual(await resultSlugs(page), []);

    await page.click('#signin-open');
    await page.fill('#signin-token', server.token);
    await page.locator('#signin-form button[type="submit"]').click();
    await page.locator('#editor-bar').waitFor({ state: 'visible' });
    await page.click('#editor-bar a[data-view="stats"]');
    const row = page.locator(`#stats-zero tr[data-query="${word}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: 'Thêm nhóm đồng nghĩa' }).click();

    const terms = page.locator('.synonym-form input[name="terms"]').first();
    await terms.waitFor();
    assert.equal(await terms.inputValue(), word);
    await terms.fill(`${word}, pu ta leng`);
    await page.locator('.synonym-form button[type="submit"]').first().click();
    await page.locator(`.synonym-group:has-text("${word}")`).waitFor();

    // Applied to search within a second or so; the same search now finds it.
    const deadline = Date.now() + 5000;
    let found = [];
    while (Date.now() < deadline) {
        await page.goto(`${server.baseUrl}/?q=${word}`);
        await page.waitForFunction(() => !document.getElementById('results').hasAttribute('aria-busy') &&
            document.getElementById('result-count').textContent !== '');
        found = await resultSlugs(page);
        if (found.includes(slug)) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(found.includes(slug), `the search for ${word} lists ${slug}: ${found}`);
    assert.deepEqual(problems, []);
    await context.close();
});
