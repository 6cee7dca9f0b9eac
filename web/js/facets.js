// Facet filters: kind, theme, area, month (any of, as checkboxes) and a minimum of
// OCOP stars (radio buttons), each with the count the API gives for the
// current search. A value that is chosen stays listed even when its count
// is zero, so it can be unticked.

import { h, clear } from './dom.js';
import { t, kindLabel, themeLabel, areaLabel, formatNumber, KIND_SLUGS } from './i18n.js';
import { hasFilters } from './state.js';
import { MONTH_KEYS, monthLabel } from './months.js';

export function renderFacets(form, facets, state, onChange) {
    // The form is rebuilt after each change; keep keyboard focus where it was.
    const focused = form.contains(document.activeElement) ? document.activeElement.id : null;
    clear(form);
    const groups = [
        checkboxGroup('kind', t('filters.kind'), facets?.kind, state.kind, kindLabel, onChange, KIND_SLUGS),
        checkboxGroup('theme', t('filters.theme'), facets?.theme, state.theme, themeLabel, onChange),
        checkboxGroup('area', t('filters.area'), facets?.area, state.area, areaLabel, onChange),
        starsGroup(facets?.ocop_stars, state.stars_min, onChange),
        checkboxGroup('month', t('filters.month'), facets?.month, state.month, monthLabel, onChange, MONTH_KEYS),
    ];
    form.append(...groups.filter(Boolean));
    if (hasFilters(state)) {
        form.append(
            h('button', {
                type: 'button',
                id: 'clear-filters',
                class: 'button button-small clear-filters',
                text: t('filters.clear'),
                onclick: () => onChange({ kind: [], theme: [], area: [], stars_min: null, month: [] }),
            }),
        );
    }
    if (focused) (document.getElementById(focused) ?? form.querySelector('input'))?.focus();
}

function checkboxGroup(name, legend, counts, chosen, label, onChange, order) {
    const values = Object.keys(counts ?? {});
    for (const v of chosen) if (!values.includes(v)) values.push(v);
    if (order) values.sort((a, b) => rank(order, a) - rank(order, b));
    if (values.length === 0) return null;
    return h(
        'fieldset',
        { class: 'facet' },
        h('legend', null, legend),
        h(
            'ul',
            { class: 'facet-list' },
            values.map((value) => {
                const id = `f-${name}-${value}`.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)}`);
                const box = h('input', {
                    type: 'checkbox',
                    id,
                    name,
                    value,
                    checked: chosen.includes(value),
                    onchange: (event) => {
                        const next = event.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value);
                        onChange({ [name]: next });
                    },
                });
                const count = counts?.[value] ?? 0;
                return h(
                    'li',
                    null,
                    box,
                    h(
                        'label',
                        { for: id },
                        h('span', { class: 'facet-label' }, label(value)),
                        h('span', { class: 'facet-count' }, formatNumber(count)),
                    ),
                );
            }),
        ),
    );
}

function starsGroup(counts, chosen, onChange) {
    const have = Object.entries(counts ?? {}).map(([stars, n]) => [Number(stars), n]);
    if (have.length === 0 && !chosen) return null;
    const atLeast = (min) => have.filter(([stars]) => stars >= min).reduce((sum, [, n]) => sum + n, 0);
    const choices = [null, 3, 4, 5];
    return h(
        'fieldset',
        { class: 'facet' },
        h('legend', null, t('filters.stars')),
        h(
            'ul',
            { class: 'facet-list' },
            choices.map((min) => {
                const id = `f-stars-${min ?? 'any'}`;
                return h(
                    'li',
                    null,
                    h('input', {
                        type: 'radio',
                        id,
                        name: 'stars_min',
                        value: min ?? '',
                        checked: chosen === min,
                        onchange: () => onChange({ stars_min: min }),
                    }),
                    h(
                        'label',
                        { for: id },
                        h('span', { class: 'facet-label' }, min ? t('filters.starsMin', { n: min }) : t('filters.starsAny')),
                        min ? h('span', { class: 'facet-count' }, formatNumber(atLeast(min))) : null,
                    ),
                );
            }),
        ),
    );
}

function rank(order, value) {
    const i = order.indexOf(value);
    return i < 0 ? order.length : i;
}
