// The server-rendered pages without JavaScript (issue 18, items 1 and 2): a
// visitor with scripts off searches with the plain form, filters with the
// filters' form, opens an entry and switches language, all at the pages'
// own addresses; the same pages pass axe's accessibility checks as served.
// Expectations come from the API of the same server, not from the content.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { axeViolations, launchChromium } from './chromium.mjs';
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

const url = (pathname) => server.baseUrl + pathname;

async function apiSearch(query) {
    const res = await fetch(url(`/api/search?${query}`));
    assert.equal(res.status, 200);
    return res.json();
}

// A page with scripts off that fails on any HTTP error.
async function pageWithoutScripts() {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    return { page, problems, close: () => context.close() };
}

test('without scripts: search with the form, filter, open an entry, switch language', async () => {
    const { page, problems, close } = await pageWithoutScripts();
    await page.goto(url('/'));
    assert.equal(new URL(page.url()).pathname, '/vi/', '/ redirects to the Vietnamese home page');
    const all = await apiSearch('lang=vi');
    assert.equal(await page.locator('#result-list > li').count(), Math.min(all.total, 10), 'the home page lists entries');

    await page.fill('#q', 'sin suoi ho');
    await page.press('#q', 'Enter');
    await page.waitForURL(/\/vi\/search\?q=sin\+suoi\+ho$/);
    const expected = await apiSearch('q=sin%20suoi%20ho&lang=vi');
    const names = await page.locator('#result-list .result-title a').allTextContents();
    assert.deepEqual(names, expected.results.map((hit) => hit.name));
    assert.match(await page.textContent('#result-count'), new RegExp(`^${expected.total} kết quả cho “sin suoi ho”`));
    assert.equal(await page.inputValue('#q'), 'sin suoi ho');

    // The filters are a GET form: tick "product" and apply.
    await page.check('#filters-form input[name="kind"][value="destination"]');
    await page.click('#filters-form button[type="submit"]');
    await page.waitForURL(/kind=destination/);
    const kinds = await page.locator('#result-list .kind-badge').allTextContents();
    assert.ok(kinds.length > 0 && kinds.every((k) => k === 'Điểm đến'), `only destinations: ${kinds}`);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'sin suoi ho', 'the query is kept');

    await page.click('#result-list .result-title a >> nth=0');
    await page.waitForURL(/\/vi\/entries\/[a-z0-9-]+$/);
    const slug = new URL(page.url()).pathname.split('/').pop();
    const entry = await (await fetch(url(`/api/entries/${slug}`))).json();
    assert.equal(await page.textContent('#detail-title'), entry.name.vi);
    assert.ok(await page.locator('#results').isHidden(), 'an entry page shows the entry alone');

    await page.click('#lang-switch a[data-lang="en"]');
    await page.waitForURL(new RegExp(`/en/entries/${slug}$`));
    assert.equal(await page.textContent('#detail-title'), entry.name.en);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('label[for="q"]'), 'Search destinations, products, investment opportunities');
    assert.deepEqual(problems, []);
    await close();
});

test('without scripts: paging and the download links carry the search', async () => {
    const { page, problems, close } = await pageWithoutScripts();
    const all = await apiSearch('lang=en&per_page=10');
    assert.ok(all.total > 10, 'the catalog has more than one page');
    await page.goto(url('/en/search'));
    await page.click('#paging a[rel="next"]');
    await page.waitForURL(/page=2$/);
    const second = await apiSearch('lang=en&page=2');
    assert.deepEqual(await page.locator('#result-list .result-title a').allTextContents(), second.results.map((h) => h.name));
    const csv = await page.getAttribute('#downloads a[data-format="csv"]', 'href');
    const res = await fetch(url(csv));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/csv/);
    assert.deepEqual(problems, []);
    await close();
});

test('the pages as served pass the axe accessibility checks', async () => {
    // axe runs as a script, so scripts are on, but the page's own are not
    // loaded: what is checked is the HTML the server sent.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route(/\/js\/.*\.(js|json)$/, (route) => route.abort());
    const page = await context.newPage();
    for (const address of ['/vi/', '/en/search?q=tea&month=3', '/vi/search?q=khong+co+gi+ca+xyzw', '/vi/entries/ban-sin-suoi-ho', '/en/entries/khong-co']) {
        await page.goto(url(address));
        assert.deepEqual(await axeViolations(page), [], address);
    }
    await context.close();
});
