// The synonyms editor (GET/POST /api/synonyms, PUT/DELETE /api/synonyms/{id},
// revisions and restore). The whole set has one revision: every save sends
// If-Match with the revision loaded; on 412 the editor sees the group as it
// now is and chooses to reload or to save theirs anyway, as for entries.

import './i18n-stats.js';
import { api } from './api.js';
import { h, clear, uniqueId } from './dom.js';
import { t, fieldErrorMessage, formatDate } from './i18n.js';

// opts: {prefill: a term to start a new group with, or null}
export async function renderSynonyms(container, opts = {}) {
    clear(container);
    const status = h('p', { class: 'form-status', role: 'status' });
    container.append(
        h('h2', { id: 'editor-title', class: 'editor-title', tabindex: '-1' }, t('synonyms.title')),
        h('p', { class: 'muted' }, t('synonyms.intro')),
        status,
    );
    const session = { etag: null, set: null };
    const listBox = h('div', { class: 'synonym-groups' });
    const historyBox = h('details', { class: 'synonym-history' });
    const reload = async (notice = '') => {
        const { data, etag } = await api.synonyms();
        session.set = data;
        session.etag = etag;
        status.textContent = notice;
        showGroups(listBox, session, reload, status);
        showHistory(historyBox, session, reload, status);
    };
    const newForm = groupForm({
        legend: t('synonyms.new'),
        group: { terms: opts.prefill ? [opts.prefill] : [], note: '' },
        submitLabel: t('synonyms.add'),
        save: (group) => api.addSynonymGroup(group, session.etag),
        session,
        reload,
        status,
        clearAfter: true,
    });
    container.append(newForm, listBox, historyBox);
    await reload();
    if (opts.prefill) newForm.querySelector('input')?.focus();
}

function showGroups(box, session, reload, status) {
    clear(box).append(h('h3', null, t('synonyms.groups', { n: session.set.groups.length, rev: session.set.revision })));
    const list = h('ul', { class: 'synonym-list' });
    for (const group of session.set.groups) {
        const item = h('li', { class: 'synonym-group', 'data-id': String(group.id) });
        const show = () => clear(item).append(
            h('span', { class: 'synonym-terms' }, group.terms.join(', ')),
            group.note ? h('span', { class: 'muted synonym-note' }, ` — ${group.note}`) : null,
            ' ',
            h('button', { type: 'button', class: 'button button-small', text: t('synonyms.edit'), onclick: () => {
                clear(item).append(groupForm({
                    legend: t('synonyms.edit'),
                    group,
                    submitLabel: t('synonyms.save'),
                    save: (changed) => api.replaceSynonymGroup(group.id, changed, session.etag),
                    session,
                    reload,
                    status,
                    onCancel: show,
                }));
                item.querySelector('input')?.focus();
            } }),
            ' ',
            h('button', { type: 'button', class: 'button button-small', text: t('synonyms.delete'), onclick: () =>
                submitWithConflicts({ save: () => api.removeSynonymGroup(group.id, session.etag), mine: null, id: group.id, session, reload, status, box: item }) }),
        );
        show();
        list.append(item);
    }
    box.append(list);
}

function showHistory(box, session, reload, status) {
    clear(box).append(h('summary', null, t('synonyms.history')));
    api.synonymRevisions().then(({ revisions }) => {
        box.append(h('ul', { class: 'synonym-revisions' }, revisions.map((r) => h('li', null,
            `${r.revision} · ${t(`action.${r.action}`)} · ${r.author} · ${formatDate(r.created_at)} · ${t('synonyms.groupsCount', { n: r.groups })} `,
            r.revision === session.set.revision ? null : h('button', { type: 'button', class: 'button button-small', text: t('synonyms.restore', { rev: r.revision }), onclick: async () => {
                try {
                    const { data } = await api.restoreSynonyms(r.revision, session.etag);
                    await reload(t('synonyms.saved', { rev: data.revision }));
                } catch (err) {
                    status.textContent = t('editor.error', { msg: err.message });
                }
            } })))));
    }).catch((err) => box.append(h('p', null, t('editor.error', { msg: err.message }))));
}

// A form for one group: terms as one comma-separated line, and a note.
function groupForm({ legend, group, submitLabel, save, session, reload, status, onCancel = null, clearAfter = false }) {
    const termsId = uniqueId('syn-terms');
    const noteId = uniqueId('syn-note');
    const terms = h('input', { id: termsId, name: 'terms', type: 'text', autocomplete: 'off', value: group.terms.join(', ') });
    const note = h('input', { id: noteId, name: 'note', type: 'text', autocomplete: 'off', value: group.note ?? '' });
    const errors = h('div', { class: 'form-summary', role: 'alert', hidden: true });
    const conflict = h('div', { class: 'conflict', role: 'alert', tabindex: '-1', hidden: true });
    const form = h('form', { class: 'synonym-form', novalidate: true },
        h('fieldset', null, h('legend', null, legend),
            h('label', { for: termsId }, t('synonyms.terms')), terms,
            h('label', { for: noteId }, t('synonyms.note')), note),
        errors, conflict,
        h('div', { class: 'form-actions' },
            h('button', { type: 'submit', class: 'button button-primary', text: submitLabel }),
            onCancel ? h('button', { type: 'button', class: 'button', text: t('synonyms.cancel'), onclick: onCancel }) : null));
    const read = () => ({ terms: terms.value.split(',').map((s) => s.trim()).filter(Boolean), note: note.value.trim() });
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const mine = read();
        errors.hidden = true;
        const done = await submitWithConflicts({ save: () => save(mine), mine, id: group.id, session, reload, status, box: conflict, errors });
        if (done && clearAfter) {
            terms.value = '';
            note.value = '';
        }
    });
    return form;
}

function conflictText(current, now, id) {
    const rev = current.revision;
    if (id === undefined) return t('synonyms.conflictNew', { rev });
    return now ? t('synonyms.conflict', { rev, current: now.terms.join(', ') }) : t('synonyms.conflictGone', { rev });
}

// Saves; a 400 lists the API's field errors, a 412 shows the group as it now
// is with the choice to reload or to save again over the newer revision.
async function submitWithConflicts({ save, mine, id, session, reload, status, box, errors = null }) {
    try {
        const { data } = await save();
        await reload(t('synonyms.saved', { rev: data.revision }));
        return true;
    } catch (err) {
        if (err.status === 400 && errors && err.fields.length) {
            clear(errors).append(h('ul', null, err.fields.map((f) => h('li', null, `${f.path}: ${fieldErrorMessage(f)}`))));
            errors.hidden = false;
        } else if (err.status === 412) {
            const { data: current, etag } = await api.synonyms();
            const now = current.groups.find((g) => g.id === id);
            clear(box).append(
                h('p', null, conflictText(current, now, id)),
                h('div', { class: 'form-actions' },
                    h('button', { type: 'button', class: 'button', text: t('synonyms.reload'), onclick: () => reload() }),
                    h('button', { type: 'button', class: 'button button-primary', text: t('synonyms.overwrite'), onclick: () => {
                        session.etag = etag;
                        box.hidden = true;
                        submitWithConflicts({ save, mine, id, session, reload, status, box, errors });
                    } })));
            box.hidden = false;
            box.focus();
        } else {
            status.textContent = t('editor.error', { msg: err.message });
        }
        return false;
    }
}
