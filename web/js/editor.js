// The form to create or edit an entry, with every field of the entry shape.
// The API is the one validator: its field errors (error.fields[].path, e.g.
// "name.vi", "season[2]", "location.lat", and .code) are shown next to the
// fields. Edits send If-Match with the ETag that was loaded; on 412 the form
// shows which fields differ from the current version and lets the editor
// reload or overwrite.
//
// editor-form.js builds the fields, editor-errors.js shows the API's errors,
// editor-conflict.js the differences on 412; this file wires them to saving.

import { api } from './api.js';
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { entryForm } from './editor-form.js';
import { clearFieldErrors, showFieldErrors } from './editor-errors.js';
import { showConflict } from './editor-conflict.js';

// opts: {entry (null for new), draft (a new entry's first values, e.g. its
// name from a search that found nothing), etag, areas: [known areas], onSaved(stored, etag), onCancel}
export function renderEditor(container, opts) {
    clear(container);
    const isNew = !opts.entry;
    const title = isNew ? t('editor.newTitle') : t('editor.editTitle', { name: opts.entry.name?.vi ?? opts.entry.slug });
    const summaryBox = h('div', { class: 'form-summary', role: 'alert', tabindex: '-1', hidden: true });
    const conflictBox = h('div', { class: 'conflict', role: 'alert', tabindex: '-1', hidden: true });
    const form = entryForm({ isNew, areas: opts.areas, onCancel: opts.onCancel });
    container.append(h('h2', { id: 'editor-title', class: 'editor-title', tabindex: '-1' }, title), summaryBox, conflictBox, form.element);

    const session = { etag: opts.etag ?? null, busy: false };
    const view = {
        form,
        status: form.element.querySelector('.form-status'),
        showErrors: (fields) => showFieldErrors(summaryBox, form.slots, fields),
        clearErrors: () => clearFieldErrors(summaryBox, form.slots),
        conflictBox,
    };
    const submit = () => save(opts, session, view, submit);
    form.element.addEventListener('submit', (event) => {
        event.preventDefault();
        submit();
    });
    form.fill(opts.entry ?? opts.draft ?? null);
    // Photos change the entry apart from this form (editor-photos.js): the
    // form then saves over their revision.
    return { setEtag: (etag) => (session.etag = etag) };
}

// Sends the form once at a time; `retry` saves again after a conflict is settled.
async function save(opts, session, view, retry) {
    if (session.busy) return;
    session.busy = true;
    view.clearErrors();
    view.status.textContent = t('editor.saving');
    const mine = view.form.read();
    try {
        const saved = opts.entry ? await api.replace(opts.entry.slug, mine, session.etag) : await api.create(mine);
        view.status.textContent = '';
        opts.onSaved(saved.data, saved.etag);
    } catch (err) {
        view.status.textContent = '';
        if (err.status === 412) await offerConflict(opts, session, view, mine, retry);
        else view.showErrors(errorFields(err));
    } finally {
        session.busy = false;
    }
}

// The API's refusal as field errors for the form.
function errorFields(err) {
    if (err.status === 400 && err.fields.length) return err.fields;
    if (err.status === 400 && err.parameter) return [{ path: err.parameter, message: err.message }];
    if (err.status === 409) return [{ path: 'slug', message: t('editor.slugTaken') }];
    return [{ path: '', message: t('editor.error', { msg: err.message }) }];
}

async function offerConflict(opts, session, view, mine, retry) {
    let current;
    try {
        current = await api.entry(opts.entry.slug);
    } catch (again) {
        view.showErrors([{ path: '', message: again.message }]);
        return;
    }
    const box = view.conflictBox;
    showConflict(box, {
        mine,
        current: current.data,
        onReload: () => {
            view.form.fill(current.data);
            session.etag = current.etag;
            box.hidden = true;
            view.clearErrors();
            view.form.element.querySelector('input, select, textarea').focus();
        },
        onOverwrite: () => {
            session.etag = current.etag;
            box.hidden = true;
            retry();
        },
    });
}
