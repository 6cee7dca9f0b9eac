// Editors' lists: drafts (GET /api/entries?status=draft) and deleted
// entries (GET /api/entries?deleted=1), each entry linking to its preview.

import { api } from './api.js';
import { h, clear, isPlainClick } from './dom.js';
import { t, kindLabel, formatDate } from './i18n.js';

// opts: {which: 'drafts' | 'deleted', entryHref(slug), openEntry(slug), onRestored(stored)}
export async function renderList(container, opts) {
    clear(container);
    const deleted = opts.which === 'deleted';
    container.append(h('h2', { id: 'editor-title', class: 'editor-title', tabindex: '-1' }, t(deleted ? 'editor.deletedTitle' : 'editor.draftsTitle')));
    const body = h('div', { class: 'entry-list' }, h('p', null, t('detail.loading')));
    container.append(body);

    const filter = deleted ? { deleted: '1', per_page: '200' } : { status: 'draft', per_page: '200' };
    const { entries } = await api.list(filter);
    clear(body);
    if (entries.length === 0) {
        body.append(h('p', { class: 'empty' }, t('editor.listEmpty')));
        return;
    }
    const message = h('p', { class: 'form-status', role: 'status' });
    const rows = entries.map((e) =>
        h('tr', null,
            h('th', { scope: 'row' }, h('a', { href: opts.entryHref(e.slug), text: e.name || e.slug, onclick: (event) => {
                if (!isPlainClick(event)) return;
                event.preventDefault();
                opts.openEntry(e.slug);
            } })),
            h('td', null, kindLabel(e.kind)),
            h('td', null, t(`status.${e.status}`)),
            h('td', null, String(e.revision)),
            h('td', null, h('time', { datetime: e.updated_at }, formatDate(e.updated_at)), ` · ${e.updated_by}`),
            deleted
                ? h('td', null, h('button', { type: 'button', class: 'button button-small', text: t('editor.undelete'), onclick: async (event) => {
                    event.target.disabled = true;
                    try {
                        const restored = await api.restore(e.slug, null, `"${e.revision}"`);
                        opts.onRestored(restored.data);
                    } catch (err) {
                        message.textContent = t('editor.error', { msg: err.message });
                        event.target.disabled = false;
                    }
                } }))
                : null));
    const headings = ['field.name', 'field.kind', 'field.status', 'field.revision', 'editor.when'];
    body.append(
        message,
        h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t(deleted ? 'editor.deletedTitle' : 'editor.draftsTitle') },
            h('table', { class: 'data-table' },
                h('thead', null, h('tr', null, headings.map((k) => h('th', { scope: 'col' }, t(k))), deleted ? h('td', null) : null)),
                h('tbody', null, rows))),
    );
}
