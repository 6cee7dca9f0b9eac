// "Download these results": the search on the page as a file to take away,
// CSV for spreadsheets and GeoJSON for map programs. Both links are
// GET /api/search with the page's filters and format=csv|geojson, which
// answers with every match (not one page), up to EXPORT_LIMIT.

import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { searchParams } from './state.js';

// As api/export.h's kExportMaxMatches.
export const EXPORT_LIMIT = 10000;

// prefix: the results shown are for words still being typed (the last one a
// prefix), so the file holds the same matches.
export function exportHref(state, format, { prefix = false } = {}) {
    const p = searchParams({ ...state, page: 1 }, { prefix });
    p.delete('per_page');
    p.set('format', format);
    return `/api/search?${p}`;
}

// Below the results of `section`; hidden when nothing matches.
export function renderDownloads(section, state, total, { prefix = false } = {}) {
    let box = section.querySelector('#downloads');
    if (!box) {
        box = h('p', { id: 'downloads', class: 'downloads' });
        section.append(box);
    }
    clear(box).hidden = total === 0;
    if (total === 0) return;
    const link = (format, label) =>
        h('a', { href: exportHref(state, format, { prefix }), download: '', 'data-format': format, text: label });
    box.append(
        `${t('download.title')}: `,
        link('csv', t('download.csv')),
        ' · ',
        link('geojson', t('download.geojson')),
        ' ',
        h('span', { class: 'downloads-note' },
            total > EXPORT_LIMIT ? t('download.first', { max: EXPORT_LIMIT, n: total }) : t('download.all', { n: total })),
    );
}
