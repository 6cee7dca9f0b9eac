// The results column: count (announced), correction, sort, the list with
// highlighted snippets, and paging.

import { h, clear, highlighted, isPlainClick } from './dom.js';
import { t, kindLabel, themeLabel, areaLabel, formatNumber } from './i18n.js';
import { whatToSee } from './months.js';
import { coverThumb } from './photos.js';

const els = {};

export function initResults() {
    for (const id of ['result-count', 'correction', 'sort', 'result-list', 'results-empty', 'paging'])
        els[id] = document.getElementById(id);
}

export function renderLoading() {
    els['result-count'].textContent = t('results.loading');
}

export function renderError() {
    els['result-count'].textContent = t('results.error');
    clear(els['result-list']);
    els.paging.hidden = true;
}

// nav: {entryHref(slug), openEntry(slug), pageHref(n), go(changes)}
export function renderResults(data, state, nav) {
    const count = data.total;
    const shownQuery = data.corrected_query ?? state.q;
    // Narrowed to months, the count answers "what to see in March".
    const months = whatToSee(state.month ?? []);
    const countText = shownQuery
        ? t('results.countFor', { n: count, q: shownQuery })
        : state.q === '' && count > 0 && !months
          ? `${t('results.all')}: ${formatNumber(count)}`
          : t('results.count', { n: count });
    els['result-count'].textContent = months ? `${months}: ${countText}` : countText;

    renderCorrection(data, state, nav);
    renderSort(state, nav);

    const list = clear(els['result-list']);
    data.results.forEach((hit, i) => list.append(resultItem(hit, i, state, nav)));
    list.start = (data.page - 1) * data.per_page + 1;

    const empty = clear(els['results-empty']);
    empty.hidden = count > 0;
    if (count === 0) empty.append(h('p', { class: 'empty-title' }, t('results.none')), h('p', null, t('results.noneHint')));

    renderPaging(data, nav);
}

function renderCorrection(data, state, nav) {
    const box = clear(els.correction);
    box.hidden = !data.corrected_query;
    if (!data.corrected_query) return;
    const corrected = data.corrected_query;
    box.append(
        h(
            'p',
            { class: 'correction-ask' },
            `${t('results.didYouMean')} `,
            h('a', {
                href: nav.queryHref(corrected),
                class: 'correction-link',
                text: corrected,
                onclick: (event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    nav.go({ q: corrected, page: 1 });
                },
            }),
            '?',
        ),
        h('p', { class: 'correction-note' }, t('results.showingInstead', { shown: corrected, q: state.q })),
    );
}

function renderSort(state, nav) {
    const select = clear(els.sort);
    const sorts = ['relevance', 'name'];
    if (state.near) sorts.push('distance');
    for (const s of sorts) select.append(h('option', { value: s, selected: state.sort === s }, t(`sort.${s}`)));
    select.onchange = () => nav.go({ sort: select.value, page: 1 });
}

function resultItem(hit, index, state, nav) {
    const meta = [h('span', { class: `kind-badge kind-${hit.kind}` }, kindLabel(hit.kind))];
    if (hit.area) meta.push(h('span', { class: 'result-area' }, areaLabel(hit.area)));
    if (hit.ocop_stars) meta.push(h('span', { class: 'result-stars' }, `OCOP ${'★'.repeat(hit.ocop_stars)}`));
    if (typeof hit.distance_km === 'number')
        meta.push(h('span', { class: 'result-distance' }, t('results.distance', { d: formatNumber(hit.distance_km, 1) })));

    const text = state.q && hit.snippet ? highlighted(hit.snippet) : hit.summary;
    const number = hit.location ? String(index + 1) : null;

    const thumb = coverThumb(hit.cover);
    return h(
        'li',
        { class: thumb ? 'result has-thumb' : 'result', 'data-slug': hit.slug },
        thumb,
        h(
            'div',
            { class: 'result-body' },
            h(
                'h3',
                { class: 'result-title' },
                number ? h('span', { class: 'result-pin', title: t('map.title'), 'aria-hidden': 'true' }, number) : null,
                h('a', {
                    href: nav.entryHref(hit.slug),
                    text: hit.name,
                    onclick: (event) => {
                        if (!isPlainClick(event)) return;
                        event.preventDefault();
                        nav.openEntry(hit.slug);
                    },
                }),
            ),
            h('p', { class: 'result-meta' }, meta),
            text ? h('p', { class: 'result-snippet' }, text) : null,
            hit.themes?.length
                ? h('ul', { class: 'tags', 'aria-label': t('filters.theme') }, hit.themes.map((th) => h('li', null, themeLabel(th))))
                : null,
        ),
    );
}

function renderPaging(data, nav) {
    const box = clear(els.paging);
    const pages = Math.max(1, Math.ceil(data.total / data.per_page));
    box.hidden = pages <= 1;
    if (pages <= 1) return;
    const current = data.page;
    const link = (page, label, extra = {}) =>
        h('a', {
            href: nav.pageHref(page),
            text: label,
            ...extra,
            onclick: (event) => {
                if (!isPlainClick(event)) return;
                event.preventDefault();
                nav.go({ page }, { focusResults: true });
            },
        });

    const items = [];
    if (current > 1) items.push(link(current - 1, t('paging.prev'), { rel: 'prev', class: 'paging-step' }));
    for (const page of pageWindow(current, pages)) {
        if (page === null) items.push(h('span', { class: 'paging-gap', 'aria-hidden': 'true' }, '…'));
        else if (page === current)
            items.push(h('span', { class: 'paging-current', 'aria-current': 'page', 'aria-label': t('paging.page', { p: page }) }, String(page)));
        else items.push(link(page, String(page), { 'aria-label': t('paging.page', { p: page }) }));
    }
    if (current < pages) items.push(link(current + 1, t('paging.next'), { rel: 'next', class: 'paging-step' }));
    box.append(h('p', { class: 'paging-status' }, t('results.page', { p: current, n: pages })), h('div', { class: 'paging-links' }, items));
}

function pageWindow(current, pages) {
    const wanted = new Set([1, pages, current - 1, current, current + 1]);
    const out = [];
    let last = 0;
    for (let p = 1; p <= pages; p++) {
        if (!wanted.has(p)) continue;
        if (p - last > 1) out.push(null);
        out.push(p);
        last = p;
    }
    return out;
}
