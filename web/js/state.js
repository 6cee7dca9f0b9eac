// The page's state lives in the address, the same addresses lc-api renders
// pages at (api/page_addresses.h): /vi/ or /en/ (the home page),
// /en/search?q=sam&kind=product&page=2&sort=name&theme=tea&area=…
// &stars_min=4&month=3&near=22.3,103.4 (a search), /en/entries/slug (an
// entry; ?view=edit or ?view=history for editors) and /vi/?view=drafts.
// Reading and writing it here keeps a search shareable, reloadable and
// navigable with the back button. The older /?q=…&lang=en&entry=… is still
// read (lc-api redirects it anyway).

export const EDITOR_VIEWS = ['new', 'edit', 'history', 'drafts', 'deleted', 'stats', 'synonyms'];
const SORTS = ['relevance', 'name', 'distance'];
const SLUG = /^[a-z0-9-]{1,100}$/;
const NEAR = /^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/;
const MONTH = /^([1-9]|1[0-2])$/;
const PAGE_PATH = /^\/(vi|en)\/(?:search|entries\/([a-z0-9-]{1,100}))?$/;

export function emptyState(lang = 'vi') {
    return {
        q: '',
        kind: [],
        theme: [],
        area: [],
        stars_min: null,
        sort: 'relevance',
        near: null,
        page: 1,
        lang,
        entry: null,
        view: null,
        month: [],
    };
}

// Anything unexpected in the address is dropped rather than sent on.
export function stateFromUrl(href) {
    const url = new URL(href);
    const p = url.searchParams;
    const path = PAGE_PATH.exec(url.pathname);
    const s = emptyState((path?.[1] ?? p.get('lang')) === 'en' ? 'en' : 'vi');
    s.q = (p.get('q') ?? '').slice(0, 200);
    s.kind = unique(p.getAll('kind'));
    s.theme = unique(p.getAll('theme'));
    s.area = unique(p.getAll('area'));
    const stars = Number(p.get('stars_min'));
    if ([3, 4, 5].includes(stars)) s.stars_min = stars;
    const near = p.get('near');
    if (near && NEAR.test(near)) s.near = near;
    const sort = p.get('sort');
    if (SORTS.includes(sort) && (sort !== 'distance' || s.near)) s.sort = sort;
    const page = Number.parseInt(p.get('page') ?? '1', 10);
    if (Number.isInteger(page) && page >= 1 && page <= 1000) s.page = page;
    const entry = path?.[2] ?? p.get('entry');
    if (entry && SLUG.test(entry)) s.entry = entry;
    const view = p.get('view');
    if (EDITOR_VIEWS.includes(view)) s.view = view;
    // Months as the address spells them, "1".."12"; several mean any of them.
    s.month = unique(p.getAll('month')).filter((m) => MONTH.test(m));
    return s;
}

// Defaults are left out, so the plain page is just "/vi/".
export function urlFromState(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const k of s.kind) p.append('kind', k);
    for (const th of s.theme) p.append('theme', th);
    for (const a of s.area) p.append('area', a);
    if (s.stars_min) p.set('stars_min', String(s.stars_min));
    if (s.near) p.set('near', s.near);
    if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    for (const m of s.month ?? []) p.append('month', m);
    const searching = p.toString() !== '';
    if (s.view) p.set('view', s.view);
    const query = p.toString() ? '?' + p.toString() : '';
    const home = `/${s.lang === 'en' ? 'en' : 'vi'}/`;
    if (s.entry) return `${home}entries/${s.entry}${query}`;
    return (searching ? `${home}search` : home) + query;
}

// The parameters of GET /api/search for this state.
export function searchParams(s, { prefix = false, perPage = 10 } = {}) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const k of s.kind) p.append('kind', k);
    for (const th of s.theme) p.append('theme', th);
    for (const a of s.area) p.append('area', a);
    if (s.stars_min) p.set('stars_min', String(s.stars_min));
    if (s.near) p.set('near', s.near);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    p.set('per_page', String(perPage));
    p.set('lang', s.lang);
    if (prefix && s.q) p.set('prefix', '1');
    for (const m of s.month ?? []) p.append('month', m);
    return p;
}

export function withChanges(s, changes) {
    return { ...s, ...changes };
}

export function hasFilters(s) {
    return s.kind.length > 0 || s.theme.length > 0 || s.area.length > 0 || s.stars_min !== null || s.month?.length > 0;
}

function unique(values) {
    return [...new Set(values.filter((v) => v && v.length <= 100))].slice(0, 20);
}
