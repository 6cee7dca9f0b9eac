// An entry's photos, for editors: each with its thumbnail, words and credit,
// moved earlier or later (the first is the cover) or removed; and a form to
// upload one with what it shows in both languages and who took it, with a
// preview. Every change is a revision of the entry: each call sends the
// ETag it holds and passes the new one on (onChange), so the entry's form
// saves over the latest revision.

import { api } from './api.js';
import { h, clear, uniqueId } from './dom.js';
import { lang, t } from './i18n.js';
import { photoUrl } from './photos.js';

const MAX_TEXT = 300;

// opts: {slug, photos, etag, onChange(etag)}
export function renderPhotoManager(container, opts) {
    const session = { photos: [...(opts.photos ?? [])], etag: opts.etag, busy: false };
    const status = h('p', { class: 'form-status', role: 'status' });
    const problem = h('p', { class: 'field-error', role: 'alert' });
    const list = h('ul', { class: 'photo-manager-list' });

    const run = async (work, doneText) => {
        if (session.busy) return false;
        session.busy = true;
        problem.textContent = '';
        try {
            await work();
            status.textContent = doneText ?? '';
            opts.onChange?.(session.etag);
            return true;
        } catch (err) {
            status.textContent = '';
            problem.textContent = t('photos.error', { msg: err.message });
            return false;
        } finally {
            session.busy = false;
        }
    };
    const changed = ({ data, etag }) => {
        session.photos = data.photos ?? [];
        session.etag = etag;
        drawList();
    };

    function drawList(focusAfter) {
        clear(list);
        if (session.photos.length === 0) list.append(h('li', { class: 'muted' }, t('photos.none')));
        session.photos.forEach((photo, i) => {
            const move = (to) =>
                run(async () => {
                    const ids = session.photos.map((p) => p.id);
                    ids.splice(to, 0, ids.splice(i, 1)[0]);
                    changed(await api.orderPhotos(opts.slug, ids, session.etag));
                    list.querySelectorAll('.photo-manager-item')[to]?.querySelector(to < i ? '[data-action="up"]' : '[data-action="down"]')?.focus();
                });
            const button = (action, label, onclick, disabled = false) =>
                h('button', { type: 'button', class: 'button button-small', 'data-action': action, text: label, disabled, onclick });
            list.append(
                h(
                    'li',
                    { class: 'photo-manager-item', 'data-id': photo.id },
                    h('img', { src: photoUrl(photo.id, 320), alt: photo.alt?.[lang()] || photo.alt?.vi || '', width: photo.width, height: photo.height }),
                    h(
                        'div',
                        null,
                        i === 0 ? h('p', null, h('strong', null, t('photos.cover'))) : null,
                        h('p', { lang: 'vi' }, photo.alt?.vi ?? ''),
                        h('p', { lang: 'en' }, photo.alt?.en ?? ''),
                        h('p', { class: 'muted photo-credit' }, photo.credit ?? ''),
                        h(
                            'div',
                            { class: 'photo-manager-actions' },
                            button('up', t('photos.up'), () => move(i - 1), i === 0),
                            button('down', t('photos.down'), () => move(i + 1), i === session.photos.length - 1),
                            button('remove', t('photos.remove'), () =>
                                run(async () => changed(await api.removePhoto(opts.slug, photo.id, session.etag)), t('photos.saved')),
                            ),
                        ),
                    ),
                ),
            );
        });
        focusAfter?.focus();
    }

    const field = (name, label, input, hint) => {
        const id = uniqueId(`photo-${name}`);
        const hintId = hint ? `${id}-hint` : null;
        input.id = id;
        if (hintId) input.setAttribute('aria-describedby', hintId);
        return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null);
    };
    const file = h('input', { type: 'file', name: 'file', accept: 'image/jpeg,image/png,image/webp', required: true });
    const altVi = h('input', { type: 'text', name: 'alt_vi', maxlength: MAX_TEXT, required: true, lang: 'vi' });
    const altEn = h('input', { type: 'text', name: 'alt_en', maxlength: MAX_TEXT, required: true, lang: 'en' });
    const credit = h('input', { type: 'text', name: 'credit', maxlength: MAX_TEXT, required: true });
    const preview = h('img', { class: 'photo-preview', alt: t('photos.preview'), hidden: true });
    // A data: address (the page's CSP allows data: images, not blob:).
    file.addEventListener('change', () => {
        const chosen = file.files?.[0];
        preview.hidden = !chosen;
        if (!chosen) return;
        const reader = new FileReader();
        reader.onload = () => {
            preview.src = reader.result;
        };
        reader.readAsDataURL(chosen);
    });
    const form = h(
        'form',
        { class: 'photo-upload', 'aria-labelledby': 'photo-upload-title' },
        h('h4', { id: 'photo-upload-title' }, t('photos.upload')),
        field('file', t('photos.file'), file),
        preview,
        field('alt-vi', t('photos.altVi'), altVi),
        field('alt-en', t('photos.altEn'), altEn),
        field('credit', t('photos.credit'), credit, t('photos.creditHint')),
        h('div', null, h('button', { type: 'submit', class: 'button button-primary', text: t('photos.upload') })),
    );
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        status.textContent = t('photos.uploading');
        const ok = await run(async () => {
            const uploaded = await api.uploadPhoto(opts.slug, data, session.etag);
            session.etag = uploaded.etag;
            const { id, alt, credit: by, width, height } = uploaded.data;
            session.photos = [...session.photos, { id, alt, credit: by, width, height }];
            drawList();
        }, t('photos.saved'));
        if (ok) {
            form.reset();
            preview.hidden = true;
        }
    });

    clear(container).append(h('h3', { id: 'photos-title' }, t('photos.title')), list, form, status, problem);
    container.setAttribute('aria-labelledby', 'photos-title');
    drawList();
}
