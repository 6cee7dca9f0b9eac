// Browser tests of the page served by lc-api: Debian's Chromium driven by
// playwright-core, run by node:test. Each test opens a fresh browser
// context, fails on any console error, page error, failed request or HTTP
// error it did not ask for, and saves a screenshot under LC_SCREENSHOTS.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { axeViolations, launchChromium } from './chromium.mjs';
import { startServer } from './lc-server.mjs';

const SHOTS = process.env.LC_SCREENSHOTS ?? path.join(tmpdir(), 'lc-web-screenshots');

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

// A page whose every problem is recorded. `allowStatus` lists HTTP statuses
// the test provokes on purpose (and Chromium's console line for each).
async function openPage({ width = 1280, height = 900, allowStatus = [] } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems = [];
    const dialogs = [];
    page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const m = /status of (\d{3})/.exec(msg.text());
        if (m && allowStatus.includes(Number(m[1]))) return;
        problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    // A request still running when the test moves to another address is
    // cancelled by the navigation, not failed by the page.
    // A request that starts while a navigation is under way counts as before it.
    let navigations = 0;
    let navigating = false;
    const startedAt = new WeakMap();
    page.on('request', (req) => {
        if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
            navigations += 1;
            navigating = true;
        } else startedAt.set(req, navigating ? navigations - 1 : navigations);
    });
    page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigating = false;
    });
    const aborted = [];
    page.on('requestfailed', (req) => {
        const error = req.failure()?.errorText ?? '';
        // Judged at the end, when the navigation that caused it has surely been seen.
        if (error === 'net::ERR_ABORTED') aborted.push({ url: req.url(), startedAt: startedAt.get(req) ?? navigations });
        else problems.push(`request failed: ${req.url()} ${error}`);
    });
    page.on('response', (res) => {
        if (res.status() >= 400 && !allowStatus.includes(res.status())) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        dialog.dismiss().catch(() => {});
    });
    // Anything outside this origin is a bug: no CDN, fonts or tiles.
    await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(server.baseUrl + '/') || url.startsWith('data:')) return route.continue();
        problems.push(`request to another origin: ${url}`);
        return route.abort();
    });
    return {
        page,
        dialogs,
        async finish(name) {
            await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
            const found = [...problems];
            for (const a of aborted) if (a.startedAt >= navigations) found.push(`request aborted: ${a.url}`);
            await context.close();
            assert.deepEqual(found, [], 'no console error, page error or failed request');
        },
    };
}

const url = (pathname) => server.baseUrl + pathname;
const resultTitles = (page) => page.locator('#result-list .result-title a').allTextContents();
const resultSlugs = (page) => page.locator('#result-list .result').evaluateAll((els) => els.map((el) => el.dataset.slug));

async function waitForResults(page) {
    await page.waitForFunction(() => {
        const section = document.getElementById('results');
        return section && !section.hidden && !section.hasAttribute('aria-busy') && document.getElementById('result-count').textContent !== '';
    });
}

// Type a query the way a person does and wait for the results to follow.
async function typeQuery(page, text) {
    await page.fill('#q', '');
    await page.locator('#q').pressSequentially(text, { delay: 30 });
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, text);
    await waitForResults(page);
}

async function signIn(page) {
    await page.click('#signin-open');
    await page.fill('#signin-token', server.token);
    await page.locator('#signin-form button[type="submit"]').click();
    await page.locator('#editor-bar').waitFor({ state: 'visible' });
}

// The index follows the store shortly after a write: search again until it shows.
async function searchUntil(page, q, predicate, what) {
    const deadline = Date.now() + 15_000;
    for (;;) {
        await page.goto(url(`/?q=${encodeURIComponent(q)}`));
        await waitForResults(page);
        if (predicate(await resultSlugs(page))) return;
        if (Date.now() > deadline) assert.fail(`search for "${q}": ${what} did not happen within 15 s`);
        await page.waitForTimeout(300);
    }
}

test('a search without accents finds its entry, as you type', async () => {
    const { page, finish } = await openPage();
    const searches = [];
    page.on('request', (req) => {
        if (req.url().includes('/api/search')) searches.push(new URL(req.url()).searchParams);
    });
    await page.goto(url('/'));
    await waitForResults(page);
    await typeQuery(page, 'sin suoi ho');

    const titles = await resultTitles(page);
    assert.equal(titles[0], 'Bản Sin Suối Hồ');
    assert.ok(searches.some((p) => p.get('prefix') === '1' && p.get('q')?.startsWith('sin')), 'typing searches with prefix=1');
    const marks = await page.locator('#result-list .result').first().locator('mark').allTextContents();
    assert.ok(marks.includes('Suối'), `snippet highlights the words: ${marks}`);
    assert.match(await page.textContent('#result-count'), /kết quả cho “sin suoi ho”/);
    assert.equal(await page.getAttribute('#result-count', 'aria-live'), 'polite');

    // A misspelt query: the page says what it searched for instead.
    await page.goto(url('/?q=sin%20suoi%20hoo'));
    await waitForResults(page);
    assert.equal(await page.textContent('#correction .correction-link'), 'sin suoi ho');
    assert.match(await page.textContent('#correction'), /Có phải bạn muốn tìm sin suoi ho\?/);
    assert.equal((await resultTitles(page))[0], 'Bản Sin Suối Hồ');
    await page.click('#correction .correction-link');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'sin suoi ho');
    await waitForResults(page);
    assert.ok(await page.locator('#correction').isHidden());

    // The suggestions are a combobox: arrow down, Enter opens the entry.
    await page.goto(url('/'));
    await waitForResults(page);
    await typeQuery(page, 'sin suoi ho');
    await page.locator('#suggestions [role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getAttribute('#q', 'aria-activedescendant'), 'suggestion-0');
    await page.keyboard.press('Enter');
    await page.locator('#detail-title').waitFor();
    // An entry's address is its page's (/vi/entries/{slug}).
    assert.match(new URL(page.url()).pathname, /^\/vi\/entries\/[a-z0-9-]+$/);
    await finish('search-without-accents');
});

test('a facet filters the results', async () => {
    const { page, finish } = await openPage();
    await page.goto(url('/'));
    await waitForResults(page);
    const total = Number(/(\d+)$/.exec((await page.textContent('#result-count')).trim())[1]);
    const productBox = page.locator('#filters-form input[name="kind"][value="product"]');
    const label = await page.locator(`label[for="${await productBox.getAttribute('id')}"]`).textContent();
    const count = Number(/(\d+)$/.exec(label.trim())[1]);
    assert.ok(count > 0 && count < total, `product count ${count} of ${total}`);

    await productBox.check();
    await page.waitForFunction(() => new URL(location.href).searchParams.getAll('kind').join() === 'product');
    await waitForResults(page);
    assert.match(await page.textContent('#result-count'), new RegExp(`^Tất cả các mục: ${count}$`));
    const kinds = await page.locator('#result-list .kind-badge').allTextContents();
    assert.ok(kinds.length > 0 && kinds.every((k) => k === 'Sản phẩm'), `only products: ${kinds}`);
    assert.ok(await page.locator('#filters-form input[name="kind"][value="product"]').isChecked());

    // Clearing the filters brings everything back.
    await page.click('.clear-filters');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('kind'));
    await waitForResults(page);
    assert.match(await page.textContent('#result-count'), new RegExp(`: ${total}$`));
    await finish('facet-filter');
});

test('the language switch changes the interface and the entry text', async () => {
    const { page, finish } = await openPage();
    await page.goto(url('/?q=sin%20suoi%20ho&entry=ban-sin-suoi-ho'));
    await page.locator('#detail-title').waitFor();
    assert.equal(await page.textContent('#detail-title'), 'Bản Sin Suối Hồ');
    assert.equal(await page.textContent('label[for="q"]'), 'Tìm điểm đến, sản phẩm, cơ hội đầu tư');
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');

    await page.click('#lang-switch a[data-lang="en"]');
    await page.waitForFunction(() => document.getElementById('detail-title')?.textContent === 'Sin Suoi Ho village');
    assert.equal(new URL(page.url()).pathname, '/en/entries/ban-sin-suoi-ho');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('label[for="q"]'), 'Search destinations, products, investment opportunities');
    assert.match(await page.textContent('#detail .detail-summary'), /A Hmong community-tourism village/);
    assert.match(await page.textContent('#detail .facts'), /Community tourism/);

    // Back to the results: they come in English too.
    await page.click('#detail .back-link');
    await waitForResults(page);
    assert.equal((await resultTitles(page))[0], 'Sin Suoi Ho village');
    assert.match(await page.textContent('#result-count'), /results for “sin suoi ho”/);
    await finish('language-switch');
});

test('a shared address opens the same results, and back goes back', async () => {
    const first = await openPage();
    await first.page.goto(url('/'));
    await waitForResults(first.page);
    await typeQuery(first.page, 'che');
    await first.page.locator('#filters-form input[name="theme"][value="tea"]').check();
    await first.page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'tea');
    await waitForResults(first.page);
    await first.page.selectOption('#sort', 'name');
    await first.page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'name');
    await waitForResults(first.page);
    const shared = first.page.url();
    const slugs = await resultSlugs(first.page);
    assert.ok(slugs.length > 0);

    // Back: the sort is undone, then the theme.
    await first.page.goBack();
    await first.page.waitForFunction(() => !new URL(location.href).searchParams.has('sort'));
    await waitForResults(first.page);
    assert.equal(await first.page.inputValue('#sort'), 'relevance');
    await first.page.goBack();
    await first.page.waitForFunction(() => !new URL(location.href).searchParams.has('theme'));
    await waitForResults(first.page);
    assert.equal(await first.page.inputValue('#q'), 'che');
    await first.finish('shared-address-origin');

    const second = await openPage({ width: 1024 });
    await second.page.goto(shared);
    await waitForResults(second.page);
    assert.deepEqual(await resultSlugs(second.page), slugs);
    assert.equal(await second.page.inputValue('#q'), 'che');
    assert.ok(await second.page.locator('#filters-form input[name="theme"][value="tea"]').isChecked());
    assert.equal(await second.page.inputValue('#sort'), 'name');
    await second.finish('shared-address-opened');
});

test('clicking the map picks a point and sorts by distance', async () => {
    const { page, finish } = await openPage();
    await page.goto(url('/'));
    await waitForResults(page);
    assert.ok(await page.locator('#map .map-point').count() >= 1, 'entries with a location are on the map');
    const box = await page.locator('#map svg').boundingBox();
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.waitForFunction(() => {
        const p = new URL(location.href).searchParams;
        return /^\d+\.?\d*,\d+\.?\d*$/.test(p.get('near') ?? '') && p.get('sort') === 'distance';
    });
    await waitForResults(page);
    const [lat, lon] = new URL(page.url()).searchParams.get('near').split(',').map(Number);
    assert.ok(lat > 21.9 && lat < 22.8 && lon > 102.3 && lon < 103.8, `the point is inside the province: ${lat},${lon}`);
    assert.equal(await page.inputValue('#sort'), 'distance');
    assert.match(await page.locator('#result-list .result').first().locator('.result-distance').textContent(), /^cách [\d,]+ km$/);
    assert.equal(await page.locator('#map .map-near').count(), 1);
    await page.screenshot({ path: path.join(SHOTS, 'map-distance.png'), fullPage: true });

    await page.click('#map-chosen button');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('near'));
    await waitForResults(page);
    assert.equal(await page.inputValue('#sort'), 'relevance');
    await finish('map-point-cleared');
});

test('the map shows the located results: a pin for a site, a soft circle for a coarser point, with attribution', async () => {
    const { page, finish } = await openPage();
    await page.goto(url('/'));
    await waitForResults(page);
    const credits = await page.textContent('#map-credits');
    assert.match(credits, /Data from Who's On First/);
    assert.match(credits, /Includes data from foursquare quattroshapes/);
    // Every result with a location is drawn, by what its point is.
    const located = await page.evaluate(async () => {
        const r = await fetch('/api/search?per_page=50');
        return (await r.json()).results.filter((hit) => hit.location).map((hit) => [hit.slug, hit.location.precision]);
    });
    assert.ok(located.length >= 20, `most entries are located (${located.length})`);
    const sites = located.filter(([, p]) => p === 'site').length;
    assert.ok(sites >= 1 && sites < located.length, 'both sites and coarser points are among the results');
    await page.waitForFunction((n) => document.querySelectorAll('#map .map-point').length >= n, located.length);
    assert.equal(await page.locator('#map .map-point-site').count(), sites, 'one pin per site');
    assert.equal(await page.locator('#map .map-point-site path.map-pin-head').count(), sites);
    assert.equal(await page.locator('#map .map-point-area').count(), located.length - sites, 'the others in circles');
    assert.equal(await page.locator('#map circle.map-area').count(), located.length - sites);
    // A circle says what it stands for.
    const labels = await page.locator('#map .map-point-area title').allTextContents();
    assert.ok(labels.some((l) => /trung tâm xã Tả Lèng cũ/.test(l)), labels.join(' | '));
    // GeoNames points are on the map, so GeoNames is credited.
    assert.ok(await page.locator('#map-geonames').isVisible());
    await page.screenshot({ path: path.join(SHOTS, 'map-precision.png'), fullPage: true });

    // The entry page says the same, with the point's source.
    await page.goto(url('/?entry=dinh-pu-ta-leng&lang=en'));
    await page.locator('#detail .facts').waitFor();
    const facts = await page.textContent('#detail .facts');
    assert.match(facts, /centre of the former xã Tả Lèng/);
    assert.match(facts, /formerly Tam Đường district/);
    assert.match(facts, /GSO commune point/);
    assert.equal(await page.locator('#map .map-point-area').count(), 1);
    await finish('entry-precision');
});

test('drafts are listed and previewed for editors only', async () => {
    const created = await server.api('POST', '/api/entries', {
        slug: 'ban-nhap-thu', kind: 'event', status: 'draft', name: { vi: 'Lễ hội bản nháp thử' },
        summary: { vi: 'Một bản nháp chưa công bố.' },
    });
    assert.equal(created.status, 201);
    const { page, finish } = await openPage({ allowStatus: [404] });
    await page.goto(url('/?entry=ban-nhap-thu'));
    await page.waitForFunction(() => /Không tìm thấy/.test(document.getElementById('detail-title')?.textContent ?? ''));

    await signIn(page);
    await page.click('#editor-bar a[data-view="drafts"]');
    await page.locator('.entry-list table').waitFor();
    await page.click('.entry-list a:has-text("Lễ hội bản nháp thử")');
    await page.waitForFunction(() => document.getElementById('detail-title')?.textContent === 'Lễ hội bản nháp thử');
    assert.equal(await page.textContent('#detail .badge-draft'), 'Bản nháp');
    await finish('draft-preview');
});

test('an editor signs in, creates, finds, edits, deletes and restores an entry', async () => {
    const { page, finish } = await openPage({ allowStatus: [400] });
    await page.goto(url('/'));
    await signIn(page);
    assert.match(await page.textContent('#editor-who'), /web-test/);

    await page.click('#editor-bar a[data-view="new"]');
    await page.locator('.entry-form').waitFor();
    // First a form the API refuses: its errors show next to the fields.
    await page.getByLabel('Mã định danh (slug)', { exact: true }).fill('ban-kiem-thu-trinh-duyet');
    await page.getByLabel('Vĩ độ', { exact: true }).fill('23.5');
    await page.getByLabel('Kinh độ', { exact: true }).fill('103.3');
    await page.click('.entry-form button[type="submit"]');
    await page.locator('.form-summary').waitFor();
    const nameError = page.locator('[data-path="name.vi"] .field-error');
    assert.match(await nameError.textContent(), /Bắt buộc/);
    assert.equal(await page.getByLabel('Tên (tiếng Việt)', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('[data-path="location.source"] .field-error').textContent(), /Bắt buộc/);
    // Words chosen by the error's code (out_of_range on the point, beyond the province's outline).
    assert.equal(await page.locator('[data-path="location"] > .field-error').textContent(),
        'Nằm ngoài tỉnh Lai Châu (quá 1 km ngoài đường ranh giới).');
    await page.screenshot({ path: path.join(SHOTS, 'editor-field-errors.png'), fullPage: true });

    await page.getByLabel('Tên (tiếng Việt)', { exact: true }).fill('Bản kiểm thử trình duyệt');
    await page.getByLabel('Tên (tiếng Anh)', { exact: true }).fill('Browser test village');
    await page.getByLabel('Tóm tắt (tiếng Việt)', { exact: true }).fill('Một bản làng dùng để kiểm thử trang web.');
    await page.getByLabel('Vĩ độ', { exact: true }).fill('22.4');
    await page.getByLabel('Kinh độ', { exact: true }).fill('103.3');
    await page.getByLabel('Địa bàn', { exact: true }).fill('xã Tả Lèng');
    await page.getByLabel('Huyện cũ (trước 1/7/2025)', { exact: true }).selectOption('Tam Đường');
    await page.getByLabel('Nguồn toạ độ', { exact: true }).fill('kiểm thử trình duyệt');
    await page.getByLabel('Du lịch cộng đồng', { exact: true }).check();
    await page.getByLabel('Tháng 9', { exact: true }).check();
    await page.click('.entry-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('detail-title')?.textContent === 'Bản kiểm thử trình duyệt');
    assert.match(await page.textContent('#notice'), /phiên bản 1/);
    assert.match(await page.textContent('#detail .facts'), /22,4000° B, 103,3000° Đ — vị trí gần đúng/);
    assert.match(await page.textContent('#detail .facts'), /xã Tả Lèng \(trước đây thuộc huyện Tam Đường\)/);
    assert.equal(await page.locator('#map .map-point').count(), 1, 'the entry is on the map');

    await searchUntil(page, 'kiem thu trinh duyet', (slugs) => slugs[0] === 'ban-kiem-thu-trinh-duyet', 'the new entry showing first');
    await page.click('#result-list .result-title a >> nth=0');
    await page.locator('#detail .detail-actions').waitFor();

    await page.click('#detail .detail-actions a:has-text("Sửa")');
    await page.locator('.entry-form').waitFor();
    assert.equal(await page.getByLabel('Tên (tiếng Việt)', { exact: true }).inputValue(), 'Bản kiểm thử trình duyệt');
    await page.getByLabel('Tên (tiếng Việt)', { exact: true }).fill('Bản kiểm thử trình duyệt đã sửa');
    await page.click('.entry-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('detail-title')?.textContent === 'Bản kiểm thử trình duyệt đã sửa');
    assert.match(await page.textContent('#notice'), /phiên bản 2/);

    await page.locator('#detail .detail-actions').getByRole('button', { name: 'Xoá', exact: true }).click();
    await page.locator('#detail .detail-actions').getByRole('button', { name: 'Xác nhận xoá', exact: true }).click();
    await page.locator('#detail .badge-deleted').waitFor();
    await searchUntil(page, 'kiem thu trinh duyet', (slugs) => !slugs.includes('ban-kiem-thu-trinh-duyet'), 'the deleted entry leaving the results');

    await page.click('#editor-bar a[data-view="deleted"]');
    await page.locator('.entry-list table').waitFor();
    assert.match(await page.textContent('.entry-list'), /Bản kiểm thử trình duyệt đã sửa/);
    await page.click('.entry-list a:has-text("Bản kiểm thử trình duyệt đã sửa")');
    await page.locator('#detail .detail-actions').getByRole('button', { name: 'Khôi phục', exact: true }).click();
    await page.waitForFunction(() => !document.querySelector('#detail .badge-deleted') && /phiên bản 4/.test(document.getElementById('notice').textContent));

    await page.click('#detail .detail-actions a:has-text("Lịch sử")');
    await page.locator('.revisions table').waitFor();
    const actions = await page.locator('.revisions tbody td:nth-child(2)').allTextContents();
    assert.deepEqual(actions, ['Khôi phục', 'Xoá (Đã xoá)', 'Sửa', 'Tạo mới']);
    // Restore the first revision: the name goes back.
    await page.click('.revisions button:has-text("Khôi phục bản 1")');
    await page.waitForFunction(() => document.getElementById('detail-title')?.textContent === 'Bản kiểm thử trình duyệt');
    await searchUntil(page, 'kiem thu trinh duyet', (slugs) => slugs[0] === 'ban-kiem-thu-trinh-duyet', 'the restored entry showing again');
    await finish('editor-create-edit-delete-restore');
});

test('an edit that meets a newer revision shows the differences (412)', async () => {
    const created = await server.api('POST', '/api/entries', {
        slug: 'xung-dot-thu', kind: 'product', name: { vi: 'Sản phẩm xung đột', en: 'Conflict product' },
        summary: { vi: 'Tóm tắt ban đầu.' },
    });
    assert.equal(created.status, 201);
    const { page, finish } = await openPage({ allowStatus: [412] });
    await page.goto(url('/'));
    await signIn(page);
    await page.goto(url('/?entry=xung-dot-thu&view=edit'));
    await page.locator('.entry-form').waitFor();

    // Someone else saves first.
    const other = await server.api('PUT', '/api/entries/xung-dot-thu', {
        slug: 'xung-dot-thu', kind: 'product', name: { vi: 'Sản phẩm xung đột', en: 'Conflict product' },
        summary: { vi: 'Tóm tắt của người khác.' },
    }, { 'If-Match': created.etag });
    assert.equal(other.status, 200);

    await page.getByLabel('Tên (tiếng Anh)', { exact: true }).fill('My conflict product');
    await page.click('.entry-form button[type="submit"]');
    await page.locator('.conflict').waitFor();
    const fields = await page.locator('.conflict tbody th').allTextContents();
    assert.deepEqual(fields, ['Tên (tiếng Anh)', 'Tóm tắt (tiếng Việt)']);
    await page.screenshot({ path: path.join(SHOTS, 'editor-conflict.png'), fullPage: true });

    await page.click('.conflict button:has-text("Ghi đè")');
    await page.waitForFunction(() => /phiên bản 3/.test(document.getElementById('notice')?.textContent ?? ''));
    const now = await server.api('GET', '/api/entries/xung-dot-thu');
    assert.equal(now.body.name.en, 'My conflict product');
    assert.equal(now.body.summary.vi, 'Tóm tắt ban đầu.');
    await finish('editor-conflict-resolved');
});

test('an entry whose name holds markup shows it as text and runs nothing', async () => {
    const payload = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2; alert(1)">';
    const created = await server.api('POST', '/api/entries', {
        slug: 'ma-doc-thu', kind: 'destination', name: { vi: `Thử mã độc ${payload}`, en: `Markup test ${payload}` },
        summary: { vi: `Tóm tắt ${payload}` }, body: { vi: `Nội dung thử mã độc ${payload} & "ngoặc" 'đơn'` },
        aliases: [payload], area: 'xã Tả Lèng', themes: ['culture'], source: payload,
        // The area is one of the 2025 units now; the point's source is free text.
        location: { lat: 22.3613, lon: 103.6025, precision: 'approximate', source: payload },
    });
    assert.equal(created.status, 201);
    const { page, dialogs, finish } = await openPage();
    await searchUntil(page, 'thu ma doc', (slugs) => slugs.includes('ma-doc-thu'), 'the new entry showing');

    const item = page.locator('#result-list .result[data-slug="ma-doc-thu"]');
    assert.equal(await item.locator('.result-title a').textContent(), `Thử mã độc ${payload}`);
    assert.match(await item.locator('.result-snippet').textContent(), /<script>window.__xss = 1<\/script><img src=x/);
    assert.ok(await item.locator('.result-snippet mark').count() > 0, 'the snippet keeps its highlights');

    await item.locator('.result-title a').click();
    await page.locator('#detail-title').waitFor();
    assert.equal(await page.textContent('#detail-title'), `Thử mã độc ${payload}`);
    assert.match(await page.textContent('#detail .detail-body'), /& "ngoặc" 'đơn'/);
    assert.match(await page.textContent('#detail .facts'), /<img src=x onerror/);
    assert.equal(await page.locator('main script, main img, #detail iframe').count(), 0, 'no element came from the data');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.equal(await page.title(), `Thử mã độc ${payload} — Lai Châu Explorer`);
    await finish('markup-shown-as-text');
});

// axe-core checks each view for WCAG 2.1 A/AA problems (contrast, labels,
// landmarks, names of links and controls): chromium.mjs, axeViolations.
test('every view passes the axe accessibility checks, on a desktop and a phone', async () => {
    for (const width of [1280, 360]) {
        const { page, finish } = await openPage({ width, height: 800, allowStatus: [400] });
        await page.goto(url('/'));
        await signIn(page);
        const views = [
            ['/?q=sin%20suoi%20ho', '#result-list .result'],
            ['/?q=sin%20suoi%20hoo&lang=en', '#correction:not([hidden])'],
            ['/?near=22.3,103.4&sort=distance&kind=opportunity', '#map .map-near'],
            ['/?entry=deo-o-quy-ho', '#detail-title'],
            ['/?entry=ban-sin-suoi-ho&view=edit', '.entry-form'],
            ['/?entry=ban-sin-suoi-ho&view=history', '.revisions table'],
            ['/?view=drafts', '.entry-list'],
        ];
        // On a phone, the views whose layout changes most.
        const checked = width === 1280 ? views : views.filter(([address]) => /sin%20suoi%20ho$|entry=deo|history/.test(address));
        for (const [address, ready] of checked) {
            await page.goto(url(address));
            await page.locator(ready).first().waitFor();
            await page.waitForLoadState('networkidle');
            assert.deepEqual(await axeViolations(page), [], `${address} at ${width} px`);
        }
        // A form showing the API's field errors.
        await page.goto(url('/?view=new'));
        await page.locator('.entry-form').waitFor();
        await page.click('.entry-form button[type="submit"]');
        await page.locator('.form-summary').waitFor();
        assert.deepEqual(await axeViolations(page), [], `form errors at ${width} px`);
        await finish(`axe-${width}`);
    }
});

test('the page fits a 360 px phone screen', async () => {
    const { page, finish } = await openPage({ width: 360, height: 740 });
    const fits = async (what) => {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${what}: page is ${width} px wide`);
    };
    await page.goto(url('/'));
    await waitForResults(page);
    await fits('home');
    await page.screenshot({ path: path.join(SHOTS, 'phone-home.png'), fullPage: true });
    await page.goto(url('/?q=sin%20suoi%20ho&lang=en'));
    await waitForResults(page);
    await fits('results');
    await page.locator('#filters-box summary').click();
    await fits('filters open');
    await page.goto(url('/?entry=cao-toc-ct13-bao-ha-lai-chau'));
    await page.locator('#detail-title').waitFor();
    await fits('detail');
    await page.screenshot({ path: path.join(SHOTS, 'phone-detail.png'), fullPage: true });
    await signIn(page);
    await page.goto(url('/?entry=ban-sin-suoi-ho&view=edit'));
    await page.locator('.entry-form').waitFor();
    await fits('editor form');
    await page.screenshot({ path: path.join(SHOTS, 'phone-editor.png'), fullPage: true });
    await page.goto(url('/?entry=ban-sin-suoi-ho&view=history'));
    await page.locator('.revisions table').waitFor();
    await fits('history');
    await page.goto(url('/'));
    await waitForResults(page);
    await finish('phone-360');
});
