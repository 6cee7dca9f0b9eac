// "What visitors search" (GET /api/stats/searches): top queries, queries with
// no results, queries whose results nobody opened, over 7, 30 or 90 days,
// with a small chart of searches per day. From a query with no results, one
// click starts a new entry or a new synonym group with that query filled in.

import './i18n-stats.js';
import { api } from './api.js';
import { h, svg, clear } from './dom.js';
import { t, formatNumber } from './i18n.js';

export const STATS_PERIODS = [7, 30, 90];
let period = 30;

// opts: {queryHref(q), onNewEntry(q), onNewSynonym(q)}
export async function renderStats(container, opts) {
    clear(container);
    const heading = h('h2', { id: 'editor-title', class: 'editor-title', tabindex: '-1' }, t('stats.title'));
    const body = h('div', { class: 'stats' }, h('p', { class: 'muted' }, t('detail.loading')));
    const periods = h('div', { class: 'stats-periods', role: 'group', 'aria-label': t('stats.days') },
        STATS_PERIODS.map((days) => h('button', {
            type: 'button',
            class: 'button button-small',
            'aria-pressed': String(days === period),
            text: t('stats.daysN', { n: days }),
            onclick: () => {
                period = days;
                renderStats(container, opts).then(() => container.querySelector('[aria-pressed="true"]')?.focus());
            },
        })));
    container.append(heading, h('p', { class: 'muted' }, t('stats.private')), periods, body);

    const data = await api.searchStats(period);
    clear(body).append(
        h('p', { class: 'stats-total' }, t('stats.total', { n: data.searches, days: data.days })),
        data.other ? h('p', { class: 'muted' }, t('stats.other', { n: data.other })) : null,
        chart(data.per_day ?? [], data.days),
        section('stats-top', t('stats.top'), data.top, ['stats.count', 'stats.results', 'stats.opened'],
            (row) => [row.count, row.results, row.opened], opts),
        section('stats-zero', t('stats.zero'), data.zero_results, ['stats.count'], (row) => [row.count], opts, (row) => [
            h('button', { type: 'button', class: 'button button-small', text: t('stats.newEntry'), onclick: () => opts.onNewEntry(row.query) }),
            ' ',
            h('button', { type: 'button', class: 'button button-small', text: t('stats.newSynonym'), onclick: () => opts.onNewSynonym(row.query) }),
        ]),
        section('stats-not-opened', t('stats.notOpened'), data.not_opened, ['stats.count'], (row) => [row.count], opts),
    );
}

function section(id, title, rows, columns, values, opts, actions = null) {
    const titleId = `${id}-title`;
    if (!rows?.length) return h('section', { id, 'aria-labelledby': titleId }, h('h3', { id: titleId }, title), h('p', { class: 'muted' }, t('stats.none')));
    return h('section', { id, 'aria-labelledby': titleId },
        h('h3', { id: titleId }, title),
        h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': titleId },
            h('table', { class: 'data-table' },
                h('thead', null, h('tr', null,
                    h('th', { scope: 'col' }, t('stats.query')),
                    columns.map((k) => h('th', { scope: 'col', class: 'num' }, t(k))),
                    actions ? h('td', null) : null)),
                h('tbody', null, rows.map((row) => h('tr', { 'data-query': row.query },
                    h('th', { scope: 'row' }, h('a', { href: opts.queryHref(row.query) }, row.query)),
                    values(row).map((v) => h('td', { class: 'num' }, formatNumber(v))),
                    actions ? h('td', { class: 'actions' }, actions(row)) : null))))));
}

// One bar per day of the period, today last; days without searches are empty.
function chart(perDay, days) {
    const counts = new Map(perDay.map((d) => [d.day, d.searches]));
    const today = new Date();
    const bars = [];
    for (let i = days - 1; i >= 0; i -= 1) {
        const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i));
        const day = d.toISOString().slice(0, 10);
        bars.push({ day, n: counts.get(day) ?? 0 });
    }
    const max = Math.max(1, ...bars.map((b) => b.n));
    const width = 300;
    const height = 60;
    const step = width / bars.length;
    const summary = bars.filter((b) => b.n > 0).map((b) => `${b.day}: ${formatNumber(b.n)}`).join('; ');
    return h('figure', { class: 'stats-chart' },
        svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${t('stats.chart')}. ${summary}`, preserveAspectRatio: 'none' },
            bars.map((b, i) => svg('rect', {
                x: (i * step + step * 0.1).toFixed(2),
                y: (height - (b.n / max) * height).toFixed(2),
                width: (step * 0.8).toFixed(2),
                height: ((b.n / max) * height).toFixed(2),
                class: 'stats-bar',
            }, svg('title', null, `${b.day}: ${formatNumber(b.n)}`)))),
        h('figcaption', { class: 'muted' }, t('stats.chart')));
}
