// Wiring: the address is the state; every change goes through navigate(),
// which records it in history and renders the matching view.

import { api } from './api.js';
import { currentEditor, initSignIn, renderEditorBar, restoreSession } from './auth.js';
import { h, clear, isPlainClick } from './dom.js';
import { renderDownloads } from './downloads.js';
import { renderEditor } from './editor.js';
import { renderPhotoManager } from './editor-photos.js';
import { renderEntry } from './entry.js';
import { renderFacets } from './facets.js';
import { formatNumber, setLang, t, lang, translateStatic } from './i18n.js';
import { renderList } from './lists.js';
import { loadOutline, renderMap, renderMapNotes } from './map.js';
import { locationLabel, fromGeoNames } from './location.js';
import { initResults, renderError, renderLoading, renderResults } from './results.js';
import { renderRevisions } from './revisions.js';
import { renderStats } from './stats.js';
import { renderSynonyms } from './synonyms.js';
import { initSearch, setQuery } from './search.js';
import { emptyState, searchParams, stateFromUrl, urlFromState, withChanges } from './state.js';

const $ = (id) => document.getElementById(id);

let state = stateFromUrl(location.href);
let renderedLang = null;
let searchSeq = 0;
let viewSeq = 0;
let knownAreas = [];
// The search an entry is being opened from (passed along once, for the
// search statistics), and what a new entry or synonym group starts with
// when an editor comes from a query that found nothing.
let openedFrom = null;
let prefill = null;

// ---- navigation --------------------------------------------------------

// opts.typing: a search typed so far; successive keystrokes replace one
// history entry instead of piling up. opts.focus: 'results' | 'detail' | 'editor'.
function navigate(changes, opts = {}) {
    const next = withChanges(state, changes);
    const url = urlFromState(next);
    const typingNow = history.state?.typing === true;
    // A filter chosen before the typed words were submitted keeps them a prefix.
    const typing = !!opts.typing || (!opts.submit && typingNow && next.q === state.q && !next.entry && !next.view);
    const same = url === location.pathname + location.search;
    const record = { typing };
    if (same || opts.replace || (typingNow && (opts.typing || opts.submit))) history.replaceState(record, '', url);
    else history.pushState(record, '', url);
    state = next;
    render({ prefix: typing, focus: opts.focus, notice: opts.notice });
}

function resultsState(changes = {}) {
    return { entry: null, view: null, page: 1, ...changes };
}

const hrefFor = (changes) => urlFromState(withChanges(state, changes));

const nav = {
    entryHref: (slug) => hrefFor({ entry: slug, view: null }),
    openEntry: (slug) => {
        openedFrom = !state.entry && !state.view ? state.q || null : null;
        navigate({ entry: slug, view: null }, { focus: 'detail' });
    },
    pageHref: (page) => hrefFor({ page }),
    queryHref: (q) => hrefFor(resultsState({ q })),
    go: (changes, opts = {}) => navigate({ entry: null, view: null, ...changes }, { focus: opts.focusResults ? 'results' : null }),
};

// ---- rendering ---------------------------------------------------------

// counted: the server has already counted this search (the page came from it).
function render({ prefix = false, focus = null, notice = null, fromHistory = false, counted = false } = {}) {
    if (renderedLang !== state.lang) {
        setLang(state.lang);
        translateStatic();
        renderedLang = state.lang;
    }
    renderLangSwitch();
    renderEditorBar();
    setQuery(state.q, { force: fromHistory });
    showNotice(notice);

    const view = state.view ? 'editor' : state.entry ? 'detail' : 'results';
    $('layout').dataset.view = view;
    $('filters').hidden = view !== 'results';
    $('results').hidden = view !== 'results';
    $('detail').hidden = view !== 'detail';
    $('editor').hidden = view !== 'editor';
    $('map-panel').hidden = view === 'editor';
    $('map-hint').hidden = view !== 'results';

    const seq = ++viewSeq;
    if (view === 'results') {
        document.title = state.q ? `${state.q} — ${t('site.name')}` : t('site.title');
        runSearch(prefix, focus, counted);
    } else if (view === 'detail') {
        showEntry(seq, focus);
    } else {
        showEditorView(seq);
    }
}

async function runSearch(prefix, focus, counted = false) {
    const seq = ++searchSeq;
    const section = $('results');
    section.setAttribute('aria-busy', 'true');
    if (!$('result-list').hasChildNodes()) renderLoading();
    const current = state;
    try {
        const params = searchParams(current, { prefix });
        if (counted) params.set('record', '0');
        const data = await api.search(params);
        if (seq !== searchSeq) return;
        for (const area of Object.keys(data.facets?.area ?? {})) if (!knownAreas.includes(area)) knownAreas.push(area);
        renderFacets($('filters-form'), data.facets, current, (changes) => navigate(resultsState(changes)));
        renderResults(data, current, nav);
        renderDownloads($('results'), current, data.total, { prefix });
        const points = [];
        const unlocated = [];
        data.results.forEach((hit, i) => {
            if (hit.location) points.push({ slug: hit.slug, name: hit.name, lat: hit.location.lat, lon: hit.location.lon, location: hit.location, area: hit.area, label: String(i + 1), href: nav.entryHref(hit.slug) });
            else unlocated.push({ slug: hit.slug, name: hit.name });
        });
        // The rest of the matches that have a location go on the map too,
        // unnumbered; one more request only when there is more than one page.
        if (data.total > data.results.length) {
            const more = searchParams({ ...current, page: 1, sort: 'relevance', near: null }, { prefix, perPage: 50 });
            more.set('record', '0'); // the same search again: not counted twice
            const all = await api.search(more);
            if (seq !== searchSeq) return;
            const onPage = new Set(data.results.map((hit) => hit.slug));
            for (const hit of all.results)
                if (hit.location && !onPage.has(hit.slug))
                    points.push({ slug: hit.slug, name: hit.name, lat: hit.location.lat, lon: hit.location.lon, location: hit.location, area: hit.area, label: null, href: nav.entryHref(hit.slug) });
        }
        drawMap(points, current.near, true);
        renderMapNotes($('map-chosen'), $('map-summary'), {
            near: current.near,
            onClear: () => navigate({ near: null, sort: state.sort === 'distance' ? 'relevance' : state.sort, page: 1 }),
            unlocated,
            locatedCount: points.length,
            openHref: nav.entryHref,
            onOpen: nav.openEntry,
        });
        if (focus === 'results') $('results-title').focus();
    } catch (err) {
        if (seq !== searchSeq) return;
        console.warn('search failed:', err.message);
        renderError();
    } finally {
        if (seq === searchSeq) section.removeAttribute('aria-busy');
    }
}

function drawMap(points, near, pickable) {
    $('map-geonames').hidden = !points.some((point) => fromGeoNames(point.location));
    renderMap($('map'), {
        points,
        near,
        onOpen: nav.openEntry,
        onPick: pickable ? (lat, lon) => navigate(resultsState({ near: `${lat},${lon}`, sort: 'distance' })) : null,
    });
}

async function showEntry(seq, focus) {
    const box = $('detail');
    const slug = state.entry;
    if (box.dataset.slug !== slug) {
        clear(box).append(h('p', { class: 'muted' }, t('detail.loading')));
    }
    box.dataset.slug = slug;
    try {
        const from = openedFrom;
        openedFrom = null;
        const { data: entry, etag } = await api.entry(slug, from);
        if (seq !== viewSeq) return;
        const ed = currentEditor();
        document.title = `${entry.name?.[lang()] || entry.name?.vi} — ${t('site.name')}`;
        renderEntry(box, {
            entry,
            backHref: hrefFor(resultsState({ page: state.page })),
            onBack: () => navigate({ entry: null, view: null }, { focus: 'results' }),
            editor: ed && {
                editHref: hrefFor({ view: 'edit' }),
                historyHref: hrefFor({ view: 'history' }),
                onEdit: () => navigate({ view: 'edit' }, { focus: 'editor' }),
                onHistory: () => navigate({ view: 'history' }, { focus: 'editor' }),
                onDelete: () => changeEntry(() => api.remove(slug, etag), 'editor.deletedDone'),
                onRestore: () => changeEntry(() => api.restore(slug, null, etag), 'editor.restoredDone'),
            },
        });
        const loc = entry.location;
        drawMap(loc ? [{ slug, name: entry.name?.[lang()] || entry.name?.vi, lat: loc.lat, lon: loc.lon, location: loc, area: entry.area, label: '', href: nav.entryHref(slug) }] : [], null, false);
        renderMapNotes($('map-chosen'), clear($('map-summary')), { near: null, unlocated: null });
        $('map-summary').append(
            loc
                ? h('p', { class: 'map-note' }, h('strong', null, entry.name?.[lang()] || entry.name?.vi), `: ${t('map.at', { lat: formatNumber(loc.lat, 4), lon: formatNumber(loc.lon, 4) })} (${locationLabel(loc, entry.area)})`)
                : h('p', { class: 'map-note map-note-strong' }, t('map.entryNoLocation')),
        );
        if (focus === 'detail') $('detail-title').focus();
    } catch (err) {
        if (seq !== viewSeq) return;
        document.title = t('site.name');
        clear(box).append(
            h('p', { class: 'back' }, backLink()),
            h('h2', { id: 'detail-title', tabindex: '-1' }, err.status === 404 ? t('detail.notFound') : t('detail.error')),
        );
        drawMap([], null, false);
        renderMapNotes($('map-chosen'), $('map-summary'), { near: null, unlocated: null });
        if (focus === 'detail') $('detail-title').focus();
    }
}

async function changeEntry(action, doneKey) {
    try {
        const { data } = await action();
        navigate({}, { replace: true, notice: t(doneKey, { rev: data.revision }), focus: 'detail' });
    } catch (err) {
        showNotice(t('editor.error', { msg: err.message }), true);
    }
}

function backLink() {
    return h('a', {
        href: hrefFor(resultsState()),
        class: 'back-link',
        text: `← ${t('detail.back')}`,
        onclick: (event) => {
            if (!isPlainClick(event)) return;
            event.preventDefault();
            navigate(resultsState(), { focus: 'results' });
        },
    });
}

async function showEditorView(seq) {
    const box = $('editor');
    clear(box);
    const ed = currentEditor();
    if (!ed) {
        document.title = t('site.name');
        box.append(
            h('h2', { id: 'editor-title', tabindex: '-1' }, t('editor.signIn')),
            h('p', null, t('editor.signInNeeded')),
            h('button', { type: 'button', class: 'button button-primary', text: t('editor.signInButton'), onclick: () => $('signin-open').click() }),
        );
        return;
    }
    const slug = state.entry;
    const toEntry = (stored, key) =>
        navigate({ entry: stored.slug, view: null }, { notice: t(key, { rev: stored.revision }), focus: 'detail' });
    const start = prefill;
    prefill = null;
    try {
        if (state.view === 'new') {
            document.title = `${t('editor.newTitle')} — ${t('site.name')}`;
            const draft = start ? { name: { vi: start, en: '' } } : null;
            renderEditor(box, { entry: null, draft, areas: knownAreas, onSaved: (stored) => toEntry(stored, 'editor.saved'), onCancel: () => history.back() });
        } else if (state.view === 'stats') {
            document.title = `${t('stats.title')} — ${t('site.name')}`;
            const startWith = (view) => (q) => {
                prefill = q;
                navigate({ view, entry: null }, { focus: 'editor' });
            };
            await renderStats(box, {
                queryHref: (q) => urlFromState(withChanges(emptyState(state.lang), { q })),
                onNewEntry: startWith('new'),
                onNewSynonym: startWith('synonyms'),
            });
        } else if (state.view === 'synonyms') {
            document.title = `${t('synonyms.title')} — ${t('site.name')}`;
            await renderSynonyms(box, { prefill: start });
        } else if (state.view === 'edit' && slug) {
            box.append(h('p', { class: 'muted' }, t('detail.loading')));
            const { data: entry, etag } = await api.entry(slug);
            if (seq !== viewSeq) return;
            document.title = `${t('editor.editTitle', { name: entry.name?.vi })} — ${t('site.name')}`;
            const editor = renderEditor(box, {
                entry,
                etag,
                areas: knownAreas,
                onSaved: (stored) => toEntry(stored, 'editor.saved'),
                onCancel: () => navigate({ view: null }, { focus: 'detail' }),
            });
            const photos = h('section', { class: 'photo-manager' });
            box.append(photos);
            renderPhotoManager(photos, { slug, photos: entry.photos, etag, onChange: (next) => editor.setEtag(next) });
        } else if (state.view === 'history' && slug) {
            document.title = `${t('editor.history')} — ${t('site.name')}`;
            await renderRevisions(box, {
                slug,
                backHref: hrefFor({ view: null }),
                backLabel: t('editor.backToEntry'),
                onBack: () => navigate({ view: null }, { focus: 'detail' }),
                onRestored: (stored) => toEntry(stored, 'editor.restoredDone'),
            });
        } else if (state.view === 'drafts' || state.view === 'deleted') {
            document.title = `${t(state.view === 'drafts' ? 'editor.draftsTitle' : 'editor.deletedTitle')} — ${t('site.name')}`;
            await renderList(box, {
                which: state.view,
                entryHref: (s) => hrefFor({ entry: s, view: null }),
                openEntry: (s) => navigate({ entry: s, view: null }, { focus: 'detail' }),
                onRestored: (stored) => toEntry(stored, 'editor.restoredDone'),
            });
        } else {
            navigate({ view: null }, { replace: true });
            return;
        }
        if (seq === viewSeq) $('editor-title')?.focus();
    } catch (err) {
        if (seq !== viewSeq) return;
        clear(box).append(h('h2', { id: 'editor-title', tabindex: '-1' }, err.status === 404 ? t('detail.notFound') : t('detail.error')), h('p', null, err.message));
    }
}

function showNotice(text, isError = false) {
    const notice = $('notice');
    notice.textContent = text ?? '';
    notice.hidden = !text;
    notice.classList.toggle('notice-error', isError);
}

function renderLangSwitch() {
    for (const link of $('lang-switch').querySelectorAll('a[data-lang]')) {
        const l = link.dataset.lang;
        link.href = urlFromState(withChanges(state, { lang: l }));
        if (l === state.lang) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
    }
}

// ---- start -------------------------------------------------------------

function wire() {
    initResults();
    initSearch({
        onType: (q) => {
            if (q === state.q && !state.entry && !state.view) return;
            navigate(resultsState({ q }), { typing: true });
        },
        onSubmit: (q) => navigate(resultsState({ q }), { submit: true, focus: null }),
        onPick: (slug) => navigate({ entry: slug, view: null }, { submit: true, focus: 'detail' }),
    });
    $('lang-switch').addEventListener('click', (event) => {
        const link = event.target.closest('a[data-lang]');
        if (!link || !isPlainClick(event)) return;
        event.preventDefault();
        navigate({ lang: link.dataset.lang });
    });
    $('home-link').addEventListener('click', (event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(emptyState(state.lang));
    });
    $('editor-bar').addEventListener('click', (event) => {
        const link = event.target.closest('a[data-view]');
        if (!link || !isPlainClick(event)) return;
        event.preventDefault();
        navigate({ view: link.dataset.view, entry: null }, { focus: 'editor' });
    });
    initSignIn((editor) => {
        render();
        if (editor) $('editor-bar').querySelector('a')?.focus();
    });
    // Filters start folded on a phone, open on a wider screen.
    $('filters-box').open = window.matchMedia('(min-width: 56em)').matches;
    window.addEventListener('popstate', (event) => {
        state = stateFromUrl(location.href);
        render({ prefix: event.state?.typing === true, fromHistory: true });
    });
}

async function start() {
    wire();
    await Promise.all([loadOutline().catch((err) => console.warn(err.message)), restoreSession()]);
    // Rewrite odd addresses to their clean form without adding a history step.
    history.replaceState({ typing: history.state?.typing === true }, '', urlFromState(state));
    // A search page loaded whole was rendered, and its search counted, by lc-api.
    render({ prefix: history.state?.typing === true, counted: /^\/(vi|en)\/search$/.test(location.pathname) });
}

start();
