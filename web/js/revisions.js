// An entry's revision history (GET /api/entries/{slug}/revisions) with a
// restore button for each earlier revision (POST …/restore {"revision": N}).

import { api } from './api.js';
import { h, clear, isPlainClick } from './dom.js';
import { t, fieldLabel, formatDate } from './i18n.js';

// opts: {slug, backHref, onBack, onRestored(stored)}
export async function renderRevisions(container, opts) {
    clear(container);
    const heading = h('h2', { id: 'editor-title', class: 'editor-title', tabindex: '-1' }, t('editor.historyTitle', { name: opts.slug }));
    container.append(
        h('p', { class: 'back' }, h('a', { href: opts.backHref, class: 'back-link', text: `← ${opts.backLabel}`, onclick: (event) => {
            if (!isPlainClick(event)) return;
            event.preventDefault();
            opts.onBack();
        } })),
        heading,
    );
    const body = h('div', { class: 'revisions' }, h('p', null, t('detail.loading')));
    container.append(body);

    const [{ data: entry, etag }, { revisions }] = await Promise.all([api.entry(opts.slug), api.revisions(opts.slug)]);
    heading.textContent = t('editor.historyTitle', { name: entry.name?.vi || opts.slug });
    clear(body);
    const message = h('p', { class: 'form-status', role: 'status' });
    const rows = [...revisions].reverse().map((r) => {
        const isCurrent = r.revision === entry.revision;
        const action = isCurrent
            ? h('span', { class: 'muted' }, t('editor.currentRev'))
            : h('button', {
                type: 'button',
                class: 'button button-small',
                text: t('editor.restoreRev', { rev: r.revision }),
                onclick: async (event) => {
                    event.target.disabled = true;
                    try {
                        const restored = await api.restore(opts.slug, r.revision, etag);
                        opts.onRestored(restored.data);
                    } catch (err) {
                        message.textContent = t('editor.error', { msg: err.message });
                        event.target.disabled = false;
                    }
                },
            });
        return h(
            'tr',
            { class: isCurrent ? 'current' : null },
            h('th', { scope: 'row' }, String(r.revision)),
            h('td', null, t(`action.${r.action}`), r.deleted ? ` (${t('detail.deleted')})` : ''),
            h('td', null, r.author),
            h('td', null, h('time', { datetime: r.created_at }, formatDate(r.created_at))),
            h('td', { class: 'changed' }, (r.changed_fields ?? []).map(fieldLabel).join(', ')),
            h('td', null, action),
        );
    });
    body.append(
        message,
        h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('editor.history') },
            h('table', { class: 'data-table' },
                h('thead', null, h('tr', null,
                    ['editor.revision', 'editor.action', 'editor.author', 'editor.when', 'editor.changed'].map((k) => h('th', { scope: 'col' }, t(k))),
                    h('td', null))),
                h('tbody', null, rows))),
    );
}
