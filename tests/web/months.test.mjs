// The best time to go and data to take away, in the browser (issue 18, items
// 3 and 4): the month picker narrows the results with the month facet's
// counts, the entry view says its months in words, and the "download these
// results" links carry the page's filters to CSV and GeoJSON files.
// Expectations come from the API of the same server, not from the content.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium } from './chromium.mjs';
import { startServer } from './lc-server.mjs';
import { seasonWords } from '../../web/js/season-words.js';

const SHOTS = process.env.LC_SCREENSHOTS ?? path.join(tmpdir(), 'lc-web-screenshots');
const CSV_HEADER = 'slug,kind,name_vi,name_en,area,themes,lat,lon,location_precision,months,page_url';

let server;
let browser;

before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

const url = (pathname) => server.baseUrl + pathname;

async function getJson(pathname) {
    const res = await fetch(url(pathname));
    assert.equal(res.status, 200, pathname);
    return res.json();
}

// A page that fails the test on any console error, page error, HTTP error
// or request to another origin (as browser.test.mjs's openPage does).
async function openPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    await context.route('**/*', (route) => {
        const address = route.request().url();
        if (address.startsWith(server.baseUrl + '/') || address.startsWith('data:')) return route.continue();
        problems.push(`request to another origin: ${address}`);
        return route.abort();
    });
    return {
        page,
        async finish(name) {
            await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
            await context.close();
            assert.deepEqual(problems, [], 'no console error, page error or failed request');
        },
    };
}

async function waitForResults(page) {
    await page.waitForFunction(() => {
        const section = document.getElementById('results');
        return section && !section.hidden && !section.hasAttribute('aria-busy') && document.getElementById('result-count').textContent !== '';
    });
}

const resultSlugs = (page) => page.locator('#result-list .result').evaluateAll((els) => els.map((el) => el.dataset.slug));

// The month picker's counts as shown: {"3": 4, ...}.
const shownMonthCounts = (page) =>
    page.locator('#filters-form input[name="month"]').evaluateAll((boxes) =>
        Object.fromEntries(boxes.map((box) => [box.value, Number(document.querySelector(`label[for="${box.id}"] .facet-count`).textContent)])));

test('picking March narrows the results to what is in season then, with the month counts', async () => {
    const { page, finish } = await openPage();
    const everything = await getJson('/api/search?per_page=1');
    const march = await getJson('/api/search?per_page=50&month=3');
    assert.ok(march.total > 0 && march.total < everything.total, `March holds ${march.total} of ${everything.total}`);

    await page.goto(url('/'));
    await waitForResults(page);
    // Every month the catalog has, in calendar order, with the API's count.
    assert.deepEqual(await shownMonthCounts(page), everything.facets.month);
    const order = await page.locator('#filters-form input[name="month"]').evaluateAll((boxes) => boxes.map((b) => Number(b.value)));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.equal((await page.locator('label[for="f-month-3"] .facet-label').textContent()), 'Tháng 3');

    await page.locator('#f-month-3').check();
    await page.waitForFunction(() => new URL(location.href).searchParams.getAll('month').join() === '3');
    await waitForResults(page);
    assert.equal(await page.textContent('#result-count'), `Tháng 3 có gì: ${march.total} kết quả`);
    const slugs = await resultSlugs(page);
    assert.equal(slugs.length, Math.min(march.total, 10));
    for (const slug of slugs) {
        const entry = await getJson(`/api/entries/${slug}`);
        assert.ok(entry.season.includes(3), `${slug} is in season in March: ${entry.season}`);
    }
    // The picker still shows what the other months hold, and March is ticked.
    assert.deepEqual(await shownMonthCounts(page), everything.facets.month);
    assert.ok(await page.locator('#f-month-3').isChecked());

    // Any of: adding September widens the results.
    const either = await getJson('/api/search?per_page=1&month=3&month=9');
    await page.locator('#f-month-9').check();
    await page.waitForFunction(() => new URL(location.href).searchParams.getAll('month').join() === '3,9');
    await waitForResults(page);
    assert.equal(await page.textContent('#result-count'), `Tháng 3, tháng 9 có gì: ${either.total} kết quả`);

    // In English, from a shared address.
    await page.goto(url('/?month=3&lang=en'));
    await waitForResults(page);
    assert.equal(await page.textContent('#result-count'), `What to see in March: ${march.total} result${march.total === 1 ? '' : 's'}`);
    assert.equal((await page.locator('label[for="f-month-3"] .facet-label').textContent()), 'March');
    // Clearing the filters clears the month too.
    await page.click('#clear-filters');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('month'));
    await waitForResults(page);
    assert.equal(await page.textContent('#result-count'), `All entries: ${everything.total}`);
    await finish('months-picker');
});

test('the entry view says its best months in words, in Vietnamese and English', async () => {
    // An entry in season for more than one month, found through the API.
    const september = await getJson('/api/search?per_page=50&month=9');
    let entry = null;
    for (const hit of september.results) {
        const candidate = await getJson(`/api/entries/${hit.slug}`);
        if (candidate.season.length > 1) {
            entry = candidate;
            break;
        }
    }
    assert.ok(entry, 'an entry in season for several months, September among them');

    const { page, finish } = await openPage();
    for (const [lang, label] of [['vi', 'Mùa đẹp / thời điểm'], ['en', 'Best season']]) {
        await page.goto(url(`/?entry=${entry.slug}${lang === 'en' ? '&lang=en' : ''}`));
        const words = page.locator('#detail .facts .season-words');
        await words.waitFor();
        const expected = seasonWords(entry.season, lang);
        assert.match(expected, lang === 'en' ? /September/ : /tháng 9/);
        assert.equal(await words.textContent(), expected);
        const row = page.locator('#detail .facts .fact', { has: page.locator('.season-words') });
        assert.equal(await row.locator('dt').textContent(), label);
    }
    await finish('months-entry-words');
});

test('the download links carry the filters; the CSV has a BOM and the stable header', async () => {
    const { page, finish } = await openPage();
    const filters = 'kind=destination&month=9&month=10&lang=en';
    const expected = await getJson(`/api/search?per_page=1&${filters}`);
    assert.ok(expected.total > 0);

    await page.goto(url(`/?${filters}`));
    await waitForResults(page);
    const downloads = page.locator('#downloads');
    assert.match(await downloads.textContent(), new RegExp(`^Download these results: CSV \\(spreadsheet\\) · GeoJSON \\(maps\\) (all ${expected.total} entries|the 1 entry)$`));
    const hrefs = {};
    for (const format of ['csv', 'geojson']) {
        const href = await downloads.locator(`a[data-format="${format}"]`).getAttribute('href');
        const link = new URL(href, server.baseUrl);
        assert.equal(link.pathname, '/api/search');
        assert.deepEqual(link.searchParams.getAll('kind'), ['destination']);
        assert.deepEqual(link.searchParams.getAll('month'), ['9', '10']);
        assert.equal(link.searchParams.get('lang'), 'en');
        assert.equal(link.searchParams.get('format'), format);
        assert.ok(!link.searchParams.has('per_page') && !link.searchParams.has('page'), 'an export is every match, not a page');
        hrefs[format] = link.href;
    }

    // What the CSV link gives: a BOM, the header, one row per match, each in season.
    const res = await fetch(hrefs.csv);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines[0], CSV_HEADER);
    assert.equal(lines.length - 1, expected.total);
    const seasonColumn = CSV_HEADER.split(',').indexOf('months');
    for (const line of lines.slice(1)) {
        // Quoted cells hold no line breaks here; a naive split is enough for the last columns.
        const cells = line.split(',');
        const months = cells[cells.length - (CSV_HEADER.split(',').length - seasonColumn)].split(';');
        assert.ok(months.includes('9') || months.includes('10'), `in season in September or October: ${line}`);
        assert.match(cells.at(-1), new RegExp(`^${server.baseUrl}/en/entries/[a-z0-9-]+$`));
    }

    const geo = await (await fetch(hrefs.geojson)).json();
    assert.equal(geo.type, 'FeatureCollection');
    assert.equal(geo.total_matches, expected.total);

    // Choosing another filter on the page changes the links with it.
    await page.locator('#f-month-10').uncheck();
    await page.waitForFunction(() => new URL(location.href).searchParams.getAll('month').join() === '9');
    await waitForResults(page);
    const csv = new URL(await downloads.locator('a[data-format="csv"]').getAttribute('href'), server.baseUrl);
    assert.deepEqual(csv.searchParams.getAll('month'), ['9']);
    await finish('months-downloads');
});
