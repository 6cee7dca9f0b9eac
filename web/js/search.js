// The search box: results as you type (debounced) and a list of suggested
// entries under it, used as an ARIA combobox (arrow keys, Enter, Escape).

import { api } from './api.js';
import { h, clear } from './dom.js';
import { t, kindLabel, lang } from './i18n.js';

const DEBOUNCE_MS = 220;

let input;
let list;
let status;
let handlers;
let timer = null;
let suggestSeq = 0;
let options = [];
let active = -1;

export function initSearch(callbacks) {
    handlers = callbacks;
    input = document.getElementById('q');
    list = document.getElementById('suggestions');
    status = document.getElementById('suggest-status');
    const form = document.getElementById('search-form');

    input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            const q = input.value.trim();
            handlers.onType(q);
            suggest(q);
        }, DEBOUNCE_MS);
    });
    input.addEventListener('keydown', onKeyDown);
    input.addEventListener('blur', () => setTimeout(close, 150));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearTimeout(timer);
        suggestSeq += 1;
        close();
        handlers.onSubmit(input.value.trim());
    });
    // Keep focus in the box while an option is clicked.
    list.addEventListener('mousedown', (event) => event.preventDefault());
}

// While the box has focus its text is the person's, still being typed:
// only a move through history (force) replaces it.
export function setQuery(q, { force = false } = {}) {
    if (document.activeElement === input && !force) return;
    if (input.value.trim() !== q) input.value = q;
}

async function suggest(q) {
    const seq = ++suggestSeq;
    if (!q) {
        close();
        return;
    }
    try {
        const data = await api.suggest(q, lang());
        if (seq !== suggestSeq || document.activeElement !== input) return;
        show(data.suggestions ?? []);
    } catch {
        if (seq === suggestSeq) close();
    }
}

function show(suggestions) {
    clear(list);
    options = suggestions;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (suggestions.length === 0) {
        close();
        return;
    }
    suggestions.forEach((s, i) => {
        const option = h(
            'li',
            { id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false', class: 'suggestion' },
            h('span', { class: 'suggestion-name' }, s.name),
            h('span', { class: 'suggestion-kind' }, kindLabel(s.kind)),
        );
        option.addEventListener('click', () => pick(i));
        list.append(option);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = t('search.suggestionsCount', { n: suggestions.length });
}

function close() {
    list.hidden = true;
    clear(list);
    options = [];
    active = -1;
    input?.setAttribute('aria-expanded', 'false');
    input?.removeAttribute('aria-activedescendant');
}

function move(delta) {
    if (options.length === 0) return;
    active = (active + delta + options.length + 1) % (options.length + 1);
    if (active === options.length) active = -1;
    list.querySelectorAll('[role="option"]').forEach((el, i) => el.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`);
    else input.removeAttribute('aria-activedescendant');
}

function pick(i) {
    const chosen = options[i];
    if (!chosen) return;
    clearTimeout(timer);
    suggestSeq += 1;
    close();
    handlers.onPick(chosen.slug);
}

function onKeyDown(event) {
    if (event.key === 'ArrowDown') {
        if (!list.hidden) {
            event.preventDefault();
            move(1);
        }
    } else if (event.key === 'ArrowUp') {
        if (!list.hidden) {
            event.preventDefault();
            move(-1);
        }
    } else if (event.key === 'Enter') {
        if (active >= 0) {
            event.preventDefault();
            pick(active);
        }
    } else if (event.key === 'Escape') {
        if (!list.hidden) {
            event.preventDefault();
            suggestSeq += 1;
            close();
        }
    }
}
