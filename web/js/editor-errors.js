// The API's field errors on the entry form: each next to its field (the slot
// for its path, or the nearest enclosing one) and all in a summary at the top
// that links to the fields. Messages are the page's own, chosen by each
// error's code (i18n.js, "fieldError.<code>").

import { h, clear, uniqueId } from './dom.js';
import { t, fieldErrorMessage } from './i18n.js';

export function clearFieldErrors(summaryBox, slots) {
    summaryBox.hidden = true;
    clear(summaryBox);
    for (const { slot, control } of Object.values(slots)) {
        slot.textContent = '';
        control.removeAttribute('aria-invalid');
        control.closest('.field')?.classList.remove('has-error');
    }
}

// fields: [{path, code?, message, min?, max?}] as the API sends them.
export function showFieldErrors(summaryBox, slots, fields) {
    const items = fields.map((error) => {
        const target = slotFor(error.path, slots);
        const text = itemMessage(error.path, fieldErrorMessage(error));
        if (target) markField(slots[target], text);
        return h('li', null, summaryItem(error.path, target, target ? slots[target].control : null, text));
    });
    summaryBox.append(h('p', { class: 'form-summary-title' }, t('editor.errors', { n: fields.length })), h('ul', null, items));
    summaryBox.hidden = false;
    summaryBox.focus();
}

function markField({ slot, control }, text) {
    slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
    control.setAttribute('aria-invalid', 'true');
    control.closest('.field')?.classList.add('has-error');
}

// A link that focuses the field, or plain text for an error no field shows.
function summaryItem(path, target, focusable, text) {
    if (!focusable) return path ? `${path}: ${text}` : text;
    return h('a', {
        href: `#${focusId(focusable)}`,
        text: `${t(`field.${target}`)}: ${text}`,
        onclick: (event) => {
            event.preventDefault();
            focusable.focus();
        },
    });
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

function focusId(el) {
    if (!el.id) el.id = uniqueId('focus');
    if (!el.hasAttribute('tabindex') && el.tagName === 'FIELDSET') el.setAttribute('tabindex', '-1');
    return el.id;
}
