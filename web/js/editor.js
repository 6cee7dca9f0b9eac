// The form to create or edit an entry, with every field of the entry shape.
// The API is the one validator: its field errors (error.fields[].path, e.g.
// "name.vi", "season[2]", "location.lat") are shown next to the fields.
// Edits send If-Match with the ETag that was loaded; on 412 the form shows
// which fields differ from the current version and lets the editor reload
// or overwrite.

import { api } from './api.js';
import { h, clear, uniqueId } from './dom.js';
import { t, lang, kindLabel, themeLabel, monthName, KIND_SLUGS, THEME_SLUGS } from './i18n.js';

const TEXT_FIELDS = ['name', 'summary', 'body'];
const PRECISIONS = ['site', 'village', 'commune-centre', 'town', 'approximate'];
// The districts that ended on 1 July 2025 (indexer/catalog/administrative_units.h).
const FORMER_DISTRICTS = ['Tam Đường', 'Phong Thổ', 'Sìn Hồ', 'Mường Tè', 'Nậm Nhùn', 'Than Uyên', 'Tân Uyên', 'Thành phố Lai Châu'];
// Every path the editor can see compared in a conflict, in form order.
const COMPARED = ['slug', 'kind', 'status', 'name.vi', 'name.en', 'summary.vi', 'summary.en', 'body.vi', 'body.en',
    'aliases', 'themes', 'area', 'former_district', 'location', 'ocop_stars', 'certifications', 'season', 'source'];

// opts: {entry (null for new), etag, areas: [known areas], onSaved(stored, etag), onCancel}
export function renderEditor(container, opts) {
    clear(container);
    const isNew = !opts.entry;
    let etag = opts.etag ?? null;
    const inputs = {};
    const errorSlots = {};

    const title = isNew ? t('editor.newTitle') : t('editor.editTitle', { name: opts.entry.name?.vi ?? opts.entry.slug });
    const summaryBox = h('div', { class: 'form-summary', role: 'alert', tabindex: '-1', hidden: true });
    const conflictBox = h('div', { class: 'conflict', role: 'alert', tabindex: '-1', hidden: true });
    const form = h('form', { class: 'entry-form', novalidate: true, 'aria-labelledby': 'editor-title' });

    // One field: label, control, hint and a slot for the API's error.
    const field = (path, control, { hint, label = t(`field.${path}`), wide = false } = {}) => {
        const id = control.id || uniqueId('f');
        control.id = id;
        const errorId = `${id}-error`;
        const hintId = hint ? `${id}-hint` : null;
        control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
        inputs[path] = control;
        errorSlots[path] = { slot: h('p', { class: 'field-error', id: errorId }), control };
        return h(
            'div',
            { class: wide ? 'field field-wide' : 'field', 'data-path': path },
            h('label', { for: id }, label),
            control,
            hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
            errorSlots[path].slot,
        );
    };
    // A group of checkboxes with one legend and one error slot.
    const group = (path, boxes, extra = null) => {
        const errorId = uniqueId('err');
        const slot = h('p', { class: 'field-error', id: errorId });
        const fieldset = h(
            'fieldset',
            { class: 'field field-wide checks', 'data-path': path, 'aria-describedby': errorId },
            h('legend', null, t(`field.${path}`)),
            h('div', { class: 'check-grid' }, boxes),
            extra,
            slot,
        );
        errorSlots[path] = { slot, control: fieldset };
        return fieldset;
    };

    const textInput = (props = {}) => h('input', { type: 'text', ...props });
    const textArea = (rows, props = {}) => h('textarea', { rows, ...props });
    const select = (values, label) => h('select', null, values.map((v) => h('option', { value: v }, label(v))));

    const slugInput = textInput({ autocapitalize: 'off', spellcheck: 'false', required: true, maxlength: 100, readonly: !isNew });
    const kindSelect = select(KIND_SLUGS, kindLabel);
    const statusSelect = select(['published', 'draft'], (s) => t(`status.${s}`));
    const themeBoxes = THEME_SLUGS.map((slug) => checkbox('themes', slug, themeLabel(slug)));
    const otherThemes = textInput({ autocapitalize: 'off', spellcheck: 'false' });
    const otherThemesId = uniqueId('f');
    otherThemes.id = otherThemesId;
    const monthBoxes = Array.from({ length: 12 }, (_, i) => checkbox('season', String(i + 1), monthName(i + 1)));
    const areaList = h('datalist', { id: uniqueId('areas') }, (opts.areas ?? []).map((a) => h('option', { value: a })));
    const starsSelect = h('select', null, h('option', { value: '' }, t('editor.starsNone')), [3, 4, 5].map((n) => h('option', { value: String(n) }, t('stars', { n }))));
    const lat = h('input', { type: 'number', step: 'any', min: '21.6', max: '22.9', inputmode: 'decimal' });
    const lon = h('input', { type: 'number', step: 'any', min: '102.2', max: '104.0', inputmode: 'decimal' });
    const precisionSelect = select(PRECISIONS, (p) => t(`precision.${p}`));
    const locationSource = textInput({ maxlength: 500 });
    const formerDistrictSelect = h('select', null, h('option', { value: '' }, t('editor.formerDistrictNone')), FORMER_DISTRICTS.map((d) => h('option', { value: d }, d)));

    form.append(
        h('div', { class: 'form-grid' },
            field('name.vi', textInput({ required: true, maxlength: 200, lang: 'vi' })),
            field('name.en', textInput({ maxlength: 200, lang: 'en' })),
            field('slug', slugInput, { hint: t('editor.slugHint') }),
            field('kind', kindSelect),
            field('status', statusSelect),
            field('area', textInput({ list: areaList.id, maxlength: 100 }), { hint: t('editor.areaHint') }),
            field('former_district', formerDistrictSelect),
            field('summary.vi', textArea(4, { lang: 'vi' })),
            field('summary.en', textArea(4, { lang: 'en' })),
            field('body.vi', textArea(12, { lang: 'vi' })),
            field('body.en', textArea(12, { lang: 'en' })),
            field('aliases', textArea(3), { hint: t('editor.onePerLine') }),
            field('certifications', textArea(3), { hint: t('editor.onePerLine') }),
            group('themes', themeBoxes, h('div', { class: 'field-sub' }, h('label', { for: otherThemesId }, t('editor.otherThemes')), otherThemes)),
            h('fieldset', { class: 'field field-wide location', 'data-path': 'location' },
                h('legend', null, t('field.location')),
                h('p', { class: 'field-hint' }, t('editor.locationHint')),
                h('div', { class: 'location-pair' },
                    field('location.lat', lat),
                    field('location.lon', lon),
                    field('location.precision', precisionSelect),
                    field('location.source', locationSource)),
                (errorSlots.location = { slot: h('p', { class: 'field-error' }), control: lat }).slot),
            field('ocop_stars', starsSelect, { hint: t('editor.starsHint') }),
            field('source', textInput({ maxlength: 500 })),
            group('season', monthBoxes),
        ),
        areaList,
        h('div', { class: 'form-actions' },
            h('button', { type: 'submit', class: 'button button-primary', text: t('editor.save') }),
            h('button', { type: 'button', class: 'button', text: t('editor.cancel'), onclick: opts.onCancel }),
            h('span', { class: 'form-status', role: 'status' })),
    );

    container.append(h('h2', { id: 'editor-title', class: 'editor-title', tabindex: '-1' }, title), summaryBox, conflictBox, form);

    const fill = (entry) => {
        slugInput.value = entry?.slug ?? '';
        kindSelect.value = entry?.kind ?? 'destination';
        statusSelect.value = entry?.status ?? 'published';
        for (const f of TEXT_FIELDS) for (const l of ['vi', 'en']) inputs[`${f}.${l}`].value = entry?.[f]?.[l] ?? '';
        inputs.aliases.value = (entry?.aliases ?? []).join('\n');
        inputs.certifications.value = (entry?.certifications ?? []).join('\n');
        const themes = entry?.themes ?? [];
        for (const box of form.querySelectorAll('input[name="themes"]')) box.checked = themes.includes(box.value);
        otherThemes.value = themes.filter((th) => !THEME_SLUGS.includes(th)).join(', ');
        inputs.area.value = entry?.area ?? '';
        inputs.source.value = entry?.source ?? '';
        lat.value = entry?.location?.lat ?? '';
        lon.value = entry?.location?.lon ?? '';
        precisionSelect.value = entry?.location?.precision ?? 'approximate';
        locationSource.value = entry?.location?.source ?? '';
        formerDistrictSelect.value = entry?.former_district ?? '';
        starsSelect.value = entry?.ocop_stars ? String(entry.ocop_stars) : '';
        const season = entry?.season ?? [];
        for (const box of form.querySelectorAll('input[name="season"]')) box.checked = season.includes(Number(box.value));
    };

    const read = () => {
        const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
        const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
        const entry = {
            slug: slugInput.value.trim(),
            kind: kindSelect.value,
            status: statusSelect.value,
        };
        for (const f of TEXT_FIELDS) entry[f] = { vi: inputs[`${f}.vi`].value, en: inputs[`${f}.en`].value };
        entry.aliases = lines(inputs.aliases.value);
        entry.themes = [
            ...[...form.querySelectorAll('input[name="themes"]:checked')].map((b) => b.value),
            ...otherThemes.value.split(',').map((s) => s.trim()).filter(Boolean),
        ];
        entry.area = inputs.area.value.trim();
        // Both empty: no location. One of them: send it, and let the API say what is missing.
        entry.location = lat.value === '' && lon.value === '' && !lat.validity.badInput && !lon.validity.badInput
            ? null
            : { lat: number(lat), lon: number(lon), precision: precisionSelect.value, source: locationSource.value.trim() };
        entry.former_district = formerDistrictSelect.value;
        entry.ocop_stars = starsSelect.value ? Number(starsSelect.value) : null;
        entry.certifications = lines(inputs.certifications.value);
        entry.season = [...form.querySelectorAll('input[name="season"]:checked')].map((b) => Number(b.value));
        entry.source = inputs.source.value.trim();
        return entry;
    };

    const status = form.querySelector('.form-status');
    const clearErrors = () => {
        summaryBox.hidden = true;
        clear(summaryBox);
        for (const { slot, control } of Object.values(errorSlots)) {
            slot.textContent = '';
            control.removeAttribute('aria-invalid');
            control.closest('.field')?.classList.remove('has-error');
        }
    };

    const showErrors = (fields) => {
        const items = [];
        for (const { path, message } of fields) {
            const target = slotFor(path, errorSlots);
            const text = itemMessage(path, translateMessage(message));
            if (target) {
                const { slot, control } = errorSlots[target];
                slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
                control.setAttribute('aria-invalid', 'true');
                control.closest('.field')?.classList.add('has-error');
            }
            const focusable = target ? errorSlots[target].control : null;
            items.push(h('li', null, focusable
                ? h('a', { href: `#${focusId(focusable)}`, text: `${t(`field.${target}`)}: ${text}`, onclick: (event) => {
                    event.preventDefault();
                    focusable.focus();
                } })
                : path ? `${path}: ${text}` : text));
        }
        summaryBox.append(h('p', { class: 'form-summary-title' }, t('editor.errors', { n: fields.length })), h('ul', null, items));
        summaryBox.hidden = false;
        summaryBox.focus();
    };

    const showConflict = (mine, current, currentEtag) => {
        clear(conflictBox);
        const diffs = differences(mine, current.data ?? current);
        const rows = diffs.map((path) =>
            h('tr', null,
                h('th', { scope: 'row' }, t(`field.${path}`)),
                h('td', null, display(valueAt(mine, path))),
                h('td', null, display(valueAt(current, path)))));
        conflictBox.append(
            h('h3', null, t('editor.conflictTitle')),
            h('p', null, diffs.length ? t('editor.conflictText', { rev: current.revision }) : t('editor.conflictNone')),
            diffs.length
                ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('editor.conflictTitle') }, h('table', { class: 'diff-table' },
                    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('editor.field')), h('th', { scope: 'col' }, t('editor.yours')), h('th', { scope: 'col' }, t('editor.current')))),
                    h('tbody', null, rows)))
                : null,
            h('div', { class: 'form-actions' },
                h('button', { type: 'button', class: 'button', text: t('editor.reload'), onclick: () => {
                    fill(current);
                    etag = currentEtag;
                    conflictBox.hidden = true;
                    clearErrors();
                    form.querySelector('input, select, textarea').focus();
                } }),
                h('button', { type: 'button', class: 'button button-primary', text: t('editor.overwrite'), onclick: () => {
                    etag = currentEtag;
                    conflictBox.hidden = true;
                    submit();
                } })),
        );
        conflictBox.hidden = false;
        conflictBox.focus();
    };

    let busy = false;
    const submit = async () => {
        if (busy) return;
        busy = true;
        clearErrors();
        status.textContent = t('editor.saving');
        const mine = read();
        try {
            const saved = isNew ? await api.create(mine) : await api.replace(opts.entry.slug, mine, etag);
            status.textContent = '';
            opts.onSaved(saved.data, saved.etag);
        } catch (err) {
            status.textContent = '';
            if (err.status === 400 && err.fields.length) showErrors(err.fields);
            else if (err.status === 400 && err.parameter) showErrors([{ path: err.parameter, message: err.message }]);
            else if (err.status === 409) showErrors([{ path: 'slug', message: err.message }]);
            else if (err.status === 412) {
                try {
                    const current = await api.entry(opts.entry.slug);
                    showConflict(mine, current.data, current.etag);
                } catch (again) {
                    showErrors([{ path: '', message: again.message }]);
                }
            } else showErrors([{ path: '', message: t('editor.error', { msg: err.message }) }]);
        } finally {
            busy = false;
        }
    };

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        submit();
    });
    fill(opts.entry);
}

function checkbox(name, value, label) {
    const id = uniqueId(`${name}`);
    return h('span', { class: 'check' }, h('input', { type: 'checkbox', id, name, value }), h('label', { for: id }, label));
}

// "season[2]" → "season", "location.lat" → "location.lat" (or "location"), "name.vi" → "name.vi".
function slotFor(path, slots) {
    let p = path;
    while (p) {
        if (slots[p]) return p;
        const next = p.replace(/\[\d+\]$/, '');
        p = next !== p ? next : p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
    }
    return null;
}

function itemMessage(path, message) {
    const m = /\[(\d+)\]$/.exec(path);
    return m ? t('editor.item', { i: Number(m[1]) + 1, msg: message }) : message;
}

const VI_MESSAGES = [
    [/^required$/, () => 'Bắt buộc phải điền.'],
    [/^too long: (\d+) (characters|bytes), at most (\d+)$/, (m) => `Quá dài: ${m[1]} ${m[2] === 'bytes' ? 'byte' : 'ký tự'}, tối đa ${m[3]}.`],
    [/^outside Lai Châu/, () => 'Nằm ngoài tỉnh Lai Châu (vĩ độ 21,6–22,9; kinh độ 102,2–103,9).'],
    [/must be lowercase letters a-z, digits and single hyphens$/, () => 'Chỉ dùng chữ thường a–z không dấu, chữ số và dấu gạch nối đơn.'],
    [/^only products have OCOP stars$/, () => 'Chỉ sản phẩm mới có sao OCOP.'],
    [/is listed twice$/, () => 'Bị lặp lại.'],
    [/^expected a number/, () => 'Phải là một số.'],
    [/already exists/, () => 'Mã định danh này đã được dùng.'],
];

function translateMessage(message) {
    if (lang() !== 'vi') return message;
    for (const [pattern, make] of VI_MESSAGES) {
        const m = pattern.exec(message);
        if (m) return make(m);
    }
    return message;
}

function focusId(el) {
    if (!el.id) el.id = uniqueId('focus');
    if (!el.hasAttribute('tabindex') && el.tagName === 'FIELDSET') el.setAttribute('tabindex', '-1');
    return el.id;
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
