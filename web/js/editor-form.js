// The entry form: its controls, their layout with a label, hint and error
// slot each, and the mapping between an entry and the controls. What the
// API says about the fields goes into the slots (editor-errors.js).

import { h, uniqueId } from './dom.js';
import { t, kindLabel, themeLabel, monthName, KIND_SLUGS, THEME_SLUGS } from './i18n.js';

const TEXT_FIELDS = ['name', 'summary', 'body'];
const LANGS = ['vi', 'en'];
const PRECISIONS = ['site', 'village', 'commune-centre', 'town', 'approximate'];
// The districts that ended on 1 July 2025 (indexer/catalog/administrative_units.h).
const FORMER_DISTRICTS = ['Tam Đường', 'Phong Thổ', 'Sìn Hồ', 'Mường Tè', 'Nậm Nhùn', 'Than Uyên', 'Tân Uyên', 'Thành phố Lai Châu'];

// Returns {element, slots, fill(entry), read()}. slots: field path →
// {slot, control}, for the API's errors.
export function entryForm({ isNew, areas, onCancel }) {
    const controls = makeControls(isNew, areas);
    const slots = {};
    const element = h('form', { class: 'entry-form', novalidate: true, 'aria-labelledby': 'editor-title' });
    element.append(
        layout(controls, slots),
        controls.areaList,
        h('div', { class: 'form-actions' },
            h('button', { type: 'submit', class: 'button button-primary', text: t('editor.save') }),
            h('button', { type: 'button', class: 'button', text: t('editor.cancel'), onclick: onCancel }),
            h('span', { class: 'form-status', role: 'status' })),
    );
    return {
        element,
        slots,
        fill: (entry) => fillControls(controls, entry),
        read: () => readControls(controls),
    };
}

// Every control, by the path of the field it edits (checkbox lists by field).
function makeControls(isNew, areas) {
    const textInput = (props = {}) => h('input', { type: 'text', ...props });
    const textArea = (rows, props = {}) => h('textarea', { rows, ...props });
    const select = (values, label) => h('select', null, values.map((v) => h('option', { value: v }, label(v))));
    const coordinate = (min, max) => h('input', { type: 'number', step: 'any', min, max, inputmode: 'decimal' });
    const areaList = h('datalist', { id: uniqueId('areas') }, (areas ?? []).map((a) => h('option', { value: a })));
    const otherThemes = textInput({ autocapitalize: 'off', spellcheck: 'false' });
    otherThemes.id = uniqueId('f');
    return {
        'name.vi': textInput({ required: true, maxlength: 200, lang: 'vi' }),
        'name.en': textInput({ maxlength: 200, lang: 'en' }),
        slug: textInput({ autocapitalize: 'off', spellcheck: 'false', required: true, maxlength: 100, readonly: !isNew }),
        kind: select(KIND_SLUGS, kindLabel),
        status: select(['published', 'draft'], (s) => t(`status.${s}`)),
        area: textInput({ list: areaList.id, maxlength: 100 }),
        former_district: h('select', null, h('option', { value: '' }, t('editor.formerDistrictNone')),
            FORMER_DISTRICTS.map((d) => h('option', { value: d }, d))),
        'summary.vi': textArea(4, { lang: 'vi' }),
        'summary.en': textArea(4, { lang: 'en' }),
        'body.vi': textArea(12, { lang: 'vi' }),
        'body.en': textArea(12, { lang: 'en' }),
        aliases: textArea(3),
        certifications: textArea(3),
        themes: THEME_SLUGS.map((slug) => checkbox('themes', slug, themeLabel(slug))),
        otherThemes,
        'location.lat': coordinate('21.6', '22.9'),
        'location.lon': coordinate('102.2', '104.0'),
        'location.precision': select(PRECISIONS, (p) => t(`precision.${p}`)),
        'location.source': textInput({ maxlength: 500 }),
        ocop_stars: h('select', null, h('option', { value: '' }, t('editor.starsNone')),
            [3, 4, 5].map((n) => h('option', { value: String(n) }, t('stars', { n })))),
        source: textInput({ maxlength: 500 }),
        season: Array.from({ length: 12 }, (_, i) => checkbox('season', String(i + 1), monthName(i + 1))),
        areaList,
    };
}

function layout(c, slots) {
    const field = (path, options) => labelledField(path, c[path], slots, options);
    const onePerLine = { hint: t('editor.onePerLine') };
    return h('div', { class: 'form-grid' },
        field('name.vi'),
        field('name.en'),
        field('slug', { hint: t('editor.slugHint') }),
        field('kind'),
        field('status'),
        field('area', { hint: t('editor.areaHint') }),
        field('former_district'),
        field('summary.vi'),
        field('summary.en'),
        field('body.vi'),
        field('body.en'),
        field('aliases', onePerLine),
        field('certifications', onePerLine),
        checkGroup('themes', c.themes, slots,
            h('div', { class: 'field-sub' }, h('label', { for: c.otherThemes.id }, t('editor.otherThemes')), c.otherThemes)),
        locationFields(c, slots),
        field('ocop_stars', { hint: t('editor.starsHint') }),
        field('source'),
        checkGroup('season', c.season, slots),
    );
}

// One field: label, control, hint and a slot for the API's error.
function labelledField(path, control, slots, { hint, label = t(`field.${path}`) } = {}) {
    const id = control.id || uniqueId('f');
    control.id = id;
    const errorId = `${id}-error`;
    const hintId = hint ? `${id}-hint` : null;
    control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    slots[path] = { slot: h('p', { class: 'field-error', id: errorId }), control };
    return h(
        'div',
        { class: 'field', 'data-path': path },
        h('label', { for: id }, label),
        control,
        hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
        slots[path].slot,
    );
}

// A group of checkboxes with one legend and one error slot.
function checkGroup(path, boxes, slots, extra = null) {
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
    slots[path] = { slot, control: fieldset };
    return fieldset;
}

// Latitude and longitude, each with its slot, and one slot for the pair.
function locationFields(c, slots) {
    const lat = c['location.lat'];
    const pairSlot = h('p', { class: 'field-error' });
    const fieldset = h('fieldset', { class: 'field field-wide location', 'data-path': 'location' },
        h('legend', null, t('field.location')),
        h('p', { class: 'field-hint' }, t('editor.locationHint')),
        h('div', { class: 'location-pair' },
            labelledField('location.lat', lat, slots),
            labelledField('location.lon', c['location.lon'], slots),
            labelledField('location.precision', c['location.precision'], slots),
            labelledField('location.source', c['location.source'], slots)),
        pairSlot);
    slots.location = { slot: pairSlot, control: lat };
    return fieldset;
}

function checkbox(name, value, label) {
    const id = uniqueId(`${name}`);
    return h('span', { class: 'check' }, h('input', { type: 'checkbox', id, name, value }), h('label', { for: id }, label));
}

const boxInput = (box) => box.querySelector('input');

function fillControls(c, entry) {
    c.slug.value = entry?.slug ?? '';
    c.kind.value = entry?.kind ?? 'destination';
    c.status.value = entry?.status ?? 'published';
    for (const f of TEXT_FIELDS) for (const l of LANGS) c[`${f}.${l}`].value = entry?.[f]?.[l] ?? '';
    c.aliases.value = (entry?.aliases ?? []).join('\n');
    c.certifications.value = (entry?.certifications ?? []).join('\n');
    const themes = entry?.themes ?? [];
    for (const box of c.themes.map(boxInput)) box.checked = themes.includes(box.value);
    c.otherThemes.value = themes.filter((th) => !THEME_SLUGS.includes(th)).join(', ');
    c.area.value = entry?.area ?? '';
    c.source.value = entry?.source ?? '';
    c['location.lat'].value = entry?.location?.lat ?? '';
    c['location.lon'].value = entry?.location?.lon ?? '';
    c['location.precision'].value = entry?.location?.precision ?? 'approximate';
    c['location.source'].value = entry?.location?.source ?? '';
    c.former_district.value = entry?.former_district ?? '';
    c.ocop_stars.value = entry?.ocop_stars ? String(entry.ocop_stars) : '';
    const season = entry?.season ?? [];
    for (const box of c.season.map(boxInput)) box.checked = season.includes(Number(box.value));
}

function readControls(c) {
    const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
    const checked = (boxes) => boxes.map(boxInput).filter((b) => b.checked).map((b) => b.value);
    const entry = { slug: c.slug.value.trim(), kind: c.kind.value, status: c.status.value };
    for (const f of TEXT_FIELDS) entry[f] = { vi: c[`${f}.vi`].value, en: c[`${f}.en`].value };
    entry.aliases = lines(c.aliases.value);
    entry.themes = [...checked(c.themes), ...c.otherThemes.value.split(',').map((s) => s.trim()).filter(Boolean)];
    entry.area = c.area.value.trim();
    entry.location = readLocation(c);
    entry.former_district = c.former_district.value;
    entry.ocop_stars = c.ocop_stars.value ? Number(c.ocop_stars.value) : null;
    entry.certifications = lines(c.certifications.value);
    entry.season = checked(c.season).map(Number);
    entry.source = c.source.value.trim();
    return entry;
}

// Both empty: no location. One of them: send it, and let the API say what is missing.
function readLocation(c) {
    const lat = c['location.lat'];
    const lon = c['location.lon'];
    const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
    if (lat.value === '' && lon.value === '' && !lat.validity.badInput && !lon.validity.badInput) return null;
    return { lat: number(lat), lon: number(lon), precision: c['location.precision'].value, source: c['location.source'].value.trim() };
}
