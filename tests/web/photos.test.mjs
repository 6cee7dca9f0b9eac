// Photos on the page (issue 19, item 5): an editor uploads a photo with what
// it shows and who took it through the entry's form (with a preview); it
// becomes the cover in the results (a thumbnail with srcset, lazy, in a
// fixed box) and shows in the entry's gallery with its alt text and credit,
// with scripts and without; a second photo can be moved first and removed;
// axe's checks pass with the images present. The image is drawn by the
// browser itself, so the test needs no file beside it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { axeViolations, launchChromium } from './chromium.mjs';
import { startServer } from './lc-server.mjs';

const SLUG = 'ban-sin-suoi-ho';

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

// A JPEG of the given size, drawn on a canvas in the page.
async function drawnJpeg(page, width, height, colour) {
    const dataUrl = await page.evaluate(
        ([w, h, c]) => {
            const canvas = document.createElement('canvas');
            canvas.width = w;
            canvas.height = h;
            const g = canvas.getContext('2d');
            g.fillStyle = c;
            g.fillRect(0, 0, w, h);
            g.fillStyle = '#fff';
            g.fillRect(w / 4, h / 4, w / 2, h / 2);
            return canvas.toDataURL('image/jpeg', 0.9);
        },
        [width, height, colour],
    );
    return Buffer.from(dataUrl.split(',')[1], 'base64');
}


async function upload(page, image, { vi, en, credit }) {
    await page.setInputFiles('.photo-upload input[type="file"]', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: image });
    await page.locator('.photo-preview').waitFor({ state: 'visible' });
    assert.match(await page.getAttribute('.photo-preview', 'src'), /^data:image\/jpeg;base64,/);
    await page.fill('.photo-upload input[name="alt_vi"]', vi);
    await page.fill('.photo-upload input[name="alt_en"]', en);
    await page.fill('.photo-upload input[name="credit"]', credit);
    const before = await page.locator('.photo-manager-item').count();
    await page.click('.photo-upload button[type="submit"]');
    await page.waitForFunction((n) => document.querySelectorAll('.photo-manager-item').length === n, before + 1);
}

// The index follows the store shortly after a write.
async function searchUntilCover(page, id) {
    const deadline = Date.now() + 15_000;
    for (;;) {
        const res = await fetch(url('/api/search?q=sin%20suoi%20ho&lang=vi'));
        const hit = (await res.json()).results.find((h) => h.slug === SLUG);
        if (hit?.cover?.id === id) return hit;
        assert.ok(Date.now() < deadline, `the search does not show cover ${id}: ${JSON.stringify(hit?.cover)}`);
        await page.waitForTimeout(200);
    }
}

test('an editor uploads photos; visitors see the cover in results and the gallery', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (err) => problems.push(err.message));

    await page.goto(url(`/vi/entries/${SLUG}`));
    await page.click('#signin-open');
    await page.fill('#signin-token', server.token);
    await page.locator('#signin-form button[type="submit"]').click();
    await page.locator('#editor-bar').waitFor({ state: 'visible' });
    await page.goto(url(`/vi/entries/${SLUG}?view=edit`));
    await page.locator('.photo-upload').waitFor();

    await upload(page, await drawnJpeg(page, 1200, 900, '#1b6b52'), {
        vi: 'Nhà trình tường ở bản Sin Suối Hồ',
        en: 'Rammed-earth houses in Sin Suối Hồ',
        credit: 'Ảnh: Người thử nghiệm, CC BY 4.0',
    });
    await upload(page, await drawnJpeg(page, 800, 1000, '#b45309'), {
        vi: 'Vườn lan trong bản',
        en: 'An orchid garden in the village',
        credit: 'Ảnh: Người thử nghiệm thứ hai, CC BY 4.0',
    });
    const entry = await (await fetch(url(`/api/entries/${SLUG}`))).json();
    assert.equal(entry.photos.length, 2);
    const [first, second] = entry.photos;
    assert.equal(first.alt.en, 'Rammed-earth houses in Sin Suối Hồ');
    assert.equal(first.width, 1200, 'never upscaled past the upload');

    // The second photo moved first becomes the cover.
    await page.locator(`.photo-manager-item[data-id="${second.id}"] [data-action="up"]`).click();
    await page.waitForFunction((id) => document.querySelector('.photo-manager-item')?.dataset.id === id, second.id);
    const reordered = await (await fetch(url(`/api/entries/${SLUG}`))).json();
    assert.deepEqual(reordered.photos.map((p) => p.id), [second.id, first.id]);
    // The text form still saves over the photos' revisions, keeping them.
    await page.click('.entry-form button[type="submit"]');
    await page.locator('#detail-title').waitFor();
    const saved = await (await fetch(url(`/api/entries/${SLUG}`))).json();
    assert.deepEqual(saved.photos.map((p) => p.id), [second.id, first.id], 'saving the form keeps the photos');

    // Results: the cover as a thumbnail, with srcset, lazy, in a fixed box.
    await searchUntilCover(page, second.id);
    await page.goto(url('/vi/search?q=sin%20suoi%20ho'));
    await page.locator('#result-list .result').first().waitFor();
    const thumb = page.locator(`#result-list .result[data-slug="${SLUG}"] img.result-thumb`);
    assert.equal(await thumb.getAttribute('loading'), 'lazy');
    assert.match(await thumb.getAttribute('srcset'), new RegExp(`/media/${second.id.slice(0, 2)}/${second.id}-320\\.webp 320w`));
    assert.equal(await thumb.getAttribute('alt'), 'Vườn lan trong bản');
    await thumb.scrollIntoViewIfNeeded();
    await page.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth > 0, `#result-list .result[data-slug="${SLUG}"] img.result-thumb`);
    const box = await thumb.boundingBox();
    assert.ok(Math.abs(box.width / box.height - 4 / 3) < 0.02, `a 4:3 box: ${box.width}×${box.height}`);

    // The entry's gallery: both photos, each with its alt text and credit.
    await page.goto(url(`/en/entries/${SLUG}`));
    await page.locator('#detail .gallery figure').first().waitFor();
    const figures = page.locator('#detail .gallery figure');
    assert.equal(await figures.count(), 2);
    assert.equal(await figures.nth(0).locator('img').getAttribute('alt'), 'An orchid garden in the village');
    assert.match(await figures.nth(0).locator('figcaption').textContent(), /Người thử nghiệm thứ hai, CC BY 4\.0/);
    assert.match(await figures.nth(1).locator('figcaption').textContent(), /Rammed-earth houses in Sin Suối Hồ/);
    await page.waitForFunction(() => [...document.querySelectorAll('#detail .gallery img')].every((img) => img.complete && img.naturalWidth > 0));
    assert.deepEqual(await axeViolations(page), [], 'the entry page with its photos');
    await page.goto(url('/vi/search?q=sin%20suoi%20ho'));
    await page.locator('#result-list img.result-thumb').first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'results with a thumbnail');

    // Without scripts, the server's page has the same cover, gallery and previews' image.
    const html = await (await fetch(url(`/en/entries/${SLUG}`))).text();
    assert.match(html, new RegExp(`<meta property="og:image" content="http://127\\.0\\.0\\.1:\\d+/media/${second.id.slice(0, 2)}/${second.id}-1600\\.jpg">`));
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)[1]);
    assert.match(ld.image, new RegExp(`/media/${second.id.slice(0, 2)}/${second.id}-1600\\.jpg$`));
    assert.match(html, /<figcaption><span class="photo-alt">An orchid garden in the village<\/span>/);

    // Removing a photo leaves the other as the cover.
    await page.goto(url(`/vi/entries/${SLUG}?view=edit`));
    await page.locator(`.photo-manager-item[data-id="${second.id}"] [data-action="remove"]`).click();
    await page.waitForFunction(() => document.querySelectorAll('.photo-manager-item').length === 1);
    const after = await (await fetch(url(`/api/entries/${SLUG}`))).json();
    assert.deepEqual(after.photos.map((p) => p.id), [first.id]);
    assert.deepEqual(problems, []);
    await context.close();
});
