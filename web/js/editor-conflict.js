// A save that met a newer revision (412): which fields differ between the
// editor's version and the current one, and the choice to reload or overwrite.

import { h, clear } from './dom.js';
import { t } from './i18n.js';

// Every path the editor can see compared in a conflict, in form order.
const COMPARED = ['slug', 'kind', 'status', 'name.vi', 'name.en', 'summary.vi', 'summary.en', 'body.vi', 'body.en',
    'aliases', 'themes', 'area', 'former_district', 'location', 'ocop_stars', 'certifications', 'season', 'source'];

// Fills and shows `box`: mine is the form's entry, current the stored one.
export function showConflict(box, { mine, current, onReload, onOverwrite }) {
    clear(box);
    const diffs = differences(mine, current);
    box.append(
        h('h3', null, t('editor.conflictTitle')),
        h('p', null, diffs.length ? t('editor.conflictText', { rev: current.revision }) : t('editor.conflictNone')),
        diffs.length ? diffTable(diffs, mine, current) : null,
        h('div', { class: 'form-actions' },
            h('button', { type: 'button', class: 'button', text: t('editor.reload'), onclick: onReload }),
            h('button', { type: 'button', class: 'button button-primary', text: t('editor.overwrite'), onclick: onOverwrite })),
    );
    box.hidden = false;
    box.focus();
}

function diffTable(paths, mine, current) {
    const rows = paths.map((path) =>
        h('tr', null,
            h('th', { scope: 'row' }, t(`field.${path}`)),
            h('td', null, display(valueAt(mine, path))),
            h('td', null, display(valueAt(current, path)))));
    const head = h('tr', null,
        h('th', { scope: 'col' }, t('editor.field')),
        h('th', { scope: 'col' }, t('editor.yours')),
        h('th', { scope: 'col' }, t('editor.current')));
    return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('editor.conflictTitle') },
        h('table', { class: 'diff-table' }, h('thead', null, head), h('tbody', null, rows)));
}

function valueAt(entry, path) {
    return path.split('.').reduce((v, key) => (v == null ? undefined : v[key]), entry);
}

// What the API stores: text trimmed and in NFC, empty lists and "" alike.
function normalized(value) {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string') return value.trim().normalize('NFC') || null;
    if (Array.isArray(value)) return value.length ? JSON.stringify(value.map((v) => (typeof v === 'string' ? v.trim().normalize('NFC') : v))) : null;
    if (typeof value === 'object') return JSON.stringify({ lat: value.lat, lon: value.lon });
    return JSON.stringify(value);
}

export function differences(mine, current) {
    return COMPARED.filter((path) => {
        const a = valueAt(mine, path);
        const b = valueAt(current, path);
        if (path === 'season') return normalized([...(a ?? [])].sort((x, y) => x - y)) !== normalized(b);
        return normalized(a) !== normalized(b);
    });
}

function display(value) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
        return h('span', { class: 'muted' }, t('editor.empty'));
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'object') return `${value.lat}, ${value.lon}`;
    const text = String(value);
    return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}
