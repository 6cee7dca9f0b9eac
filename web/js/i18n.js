// Interface text in Vietnamese and English, and labels for the catalog's
// kinds, themes, fields and months. Entry text itself comes from the API in
// the language asked for; only the interface is translated here.
//
// The words live in strings.json, which lc-api also reads to render the
// server-side pages (api/page_strings.h), so a page looks the same with and
// without JavaScript. Field errors are keyed by the API's code
// (api/openapi.json, FieldError.code); "fieldError.<code>.<field>" words one
// for a single field.
import WORDS from './strings.json' with { type: 'json' };

const STRINGS = WORDS.ui;
const KINDS = WORDS.kinds;
const THEMES = WORDS.themes;
const MONTHS = WORDS.months;

export const LANGS = ['vi', 'en'];
export const KIND_SLUGS = Object.keys(KINDS);
export const THEME_SLUGS = Object.keys(THEMES);

let current = 'vi';

export function setLang(lang) {
    current = LANGS.includes(lang) ? lang : 'vi';
    document.documentElement.lang = current;
}

export function lang() {
    return current;
}

// t('results.count', {n: 3}); English picks a "…1" variant for one.
export function t(key, params = {}) {
    const table = STRINGS[current];
    let text = (params.n === 1 && table[key + '1']) || table[key] || STRINGS.vi[key] || key;
    for (const [name, value] of Object.entries(params)) {
        const shown = typeof value === 'number' ? formatNumber(value) : String(value);
        text = text.split('{' + name + '}').join(shown);
    }
    return text;
}

export function kindLabel(kind) {
    return KINDS[kind]?.[current] ?? kind;
}

// A theme without a label yet shows as its slug.
export function themeLabel(theme) {
    return THEMES[theme]?.[current] ?? theme;
}

export function areaLabel(area) {
    return STRINGS[current]['area.' + area] ?? area;
}

export function monthName(month) {
    return MONTHS[current][month - 1] ?? String(month);
}

export function fieldLabel(path) {
    const table = STRINGS[current];
    return table['field.' + path] ?? path;
}

// A field error from the API in the page's words, chosen by its code: the
// words for this code on this field ("fieldError.not_allowed.ocop_stars"),
// else for the code. The API's English message when the page has no words
// for the code (a newer server) or they need a bound the error lacks.
export function fieldErrorMessage({ path = '', code, message, min, max }) {
    const table = STRINGS[current];
    const field = path.split(/[.[]/)[0];
    const key = [`fieldError.${code}.${field}`, `fieldError.${code}`].find((k) => k in table);
    if (!code || !key) return message;
    const params = {};
    if (typeof min === 'number') params.min = min;
    if (typeof max === 'number') params.max = max;
    const text = t(key, params);
    return /\{\w+\}/.test(text) ? message : text;
}

export function formatNumber(n, digits) {
    const options = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', options).format(n);
}

export function formatDate(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Asia/Ho_Chi_Minh',
    }).format(d);
}

// Fills every element marked data-i18n (text), data-i18n-placeholder and
// data-i18n-label (aria-label) under root.
export function translateStatic(root = document) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
        el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
    for (const el of root.querySelectorAll('[data-i18n-label]'))
        el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

// More interface text, from a view's own strings file (i18n-stats.js).
export function addStrings(tables) {
    for (const [language, table] of Object.entries(tables)) Object.assign(STRINGS[language], table);
}
