// The detail view of one entry (GET /api/entries/{slug}): every field it
// holds, in the chosen language, plus editor actions when signed in.

import { h, clear, paragraphs, isPlainClick } from './dom.js';
import { t, lang, kindLabel, themeLabel, areaLabel, formatNumber, formatDate } from './i18n.js';
import { locationLabel, formerDistrictLabel } from './location.js';
import { seasonWords } from './season-words.js';
import { gallery } from './photos.js';

// opts: {entry, backHref, onBack, editor: null | {onEdit, onHistory, onDelete, onRestore, editHref, historyHref}}
export function renderEntry(container, { entry, backHref, onBack, editor }) {
    clear(container);
    const l = lang();
    const other = l === 'vi' ? 'en' : 'vi';
    const pick = (text) => (text?.[l] ? { text: text[l], lang: l } : { text: text?.[other] ?? '', lang: other });
    const name = pick(entry.name);
    const summary = pick(entry.summary);
    const body = pick(entry.body);

    container.append(
        h(
            'p',
            { class: 'back' },
            h('a', {
                href: backHref,
                class: 'back-link',
                text: `← ${t('detail.back')}`,
                onclick: (event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    onBack();
                },
            }),
        ),
    );

    const badges = [h('span', { class: `kind-badge kind-${entry.kind}` }, kindLabel(entry.kind))];
    if (entry.status === 'draft') badges.push(h('span', { class: 'badge badge-draft' }, t('detail.draft')));
    if (entry.deleted) badges.push(h('span', { class: 'badge badge-deleted' }, t('detail.deleted')));

    const otherName = entry.name?.[other] && entry.name[other] !== name.text ? entry.name[other] : null;
    container.append(
        h(
            'header',
            { class: 'detail-head' },
            h('p', { class: 'detail-badges' }, badges),
            h('h2', { id: 'detail-title', class: 'detail-title', tabindex: '-1', lang: name.lang }, name.text),
            otherName
                ? h('p', { class: 'detail-other-name' }, `${t('detail.otherName')}: `, h('span', { lang: other }, otherName))
                : null,
            summary.text ? h('p', { class: 'detail-summary', lang: summary.lang }, summary.text) : null,
        ),
    );

    if (editor) container.append(editorActions(entry, editor));
    const photos = gallery(entry.photos);
    if (photos) container.append(photos);

    const text = body.text ? paragraphs(body.text, { lang: body.lang }) : [h('p', { class: 'muted' }, t('detail.noBody'))];
    container.append(h('div', { class: 'detail-body' }, text));
    container.append(facts(entry));

    const updated = [t('detail.updated', { date: formatDate(entry.updated_at), rev: entry.revision })];
    if (editor && entry.updated_by) updated.push(` ${t('detail.updatedBy', { who: entry.updated_by })}`);
    container.append(h('p', { class: 'detail-updated' }, updated));
}

function facts(entry) {
    const none = () => h('span', { class: 'muted' }, t('detail.none'));
    const list = (items, label = (x) => x) =>
        items?.length ? h('ul', { class: 'inline-list' }, items.map((x) => h('li', null, label(x)))) : none();
    const rows = [
        ['field.kind', kindLabel(entry.kind)],
        ['field.themes', entry.themes?.length ? h('ul', { class: 'tags' }, entry.themes.map((th) => h('li', null, themeLabel(th)))) : none()],
        [
            'field.area',
            entry.area
                ? [areaLabel(entry.area), entry.former_district ? h('span', { class: 'former-district' }, ` (${formerDistrictLabel(entry.former_district)})`) : null]
                : none(),
        ],
        [
            'field.location',
            entry.location
                ? h(
                      'span',
                      { class: 'location-fact', 'data-precision': entry.location.precision },
                      `${t('map.at', { lat: formatNumber(entry.location.lat, 4), lon: formatNumber(entry.location.lon, 4) })} — ${locationLabel(entry.location, entry.area)}`,
                      h('br'),
                      h('small', { class: 'muted' }, t('loc.source', { source: entry.location.source })),
                  )
                : h('span', { class: 'muted' }, t('map.entryNoLocation')),
        ],
    ];
    if (entry.kind === 'product' || entry.ocop_stars)
        rows.push([
            'field.ocop_stars',
            entry.ocop_stars
                ? h('span', { class: 'stars' }, h('span', { 'aria-hidden': 'true' }, '★'.repeat(entry.ocop_stars) + ' '), t('stars', { n: entry.ocop_stars }))
                : none(),
        ]);
    rows.push(
        ['field.certifications', list(entry.certifications)],
        // The best months in words ("tháng 9 – tháng 10"), not a list of month names.
        ['field.season', entry.season?.length ? h('span', { class: 'season-words' }, seasonWords(entry.season, lang())) : none()],
        ['field.aliases', list(entry.aliases)],
        ['field.source', entry.source || none()],
    );
    return h(
        'section',
        { class: 'facts', 'aria-labelledby': 'facts-title' },
        h('h3', { id: 'facts-title' }, t('detail.facts')),
        h('dl', null, rows.map(([key, value]) => h('div', { class: 'fact' }, h('dt', null, t(key)), h('dd', null, value)))),
    );
}

function editorActions(entry, editor) {
    const box = h('div', { class: 'detail-actions', role: 'group', 'aria-label': t('editor.bar') });
    const link = (label, href, handler) =>
        h('a', {
            class: 'button button-small',
            href,
            text: label,
            onclick: (event) => {
                if (!isPlainClick(event)) return;
                event.preventDefault();
                handler();
            },
        });
    if (!entry.deleted) box.append(link(t('editor.edit'), editor.editHref, editor.onEdit));
    box.append(link(t('editor.history'), editor.historyHref, editor.onHistory));
    if (entry.deleted) {
        box.append(h('button', { type: 'button', class: 'button button-small button-primary', text: t('editor.undelete'), onclick: editor.onRestore }));
    } else {
        const del = h('button', { type: 'button', class: 'button button-small button-danger', text: t('editor.delete') });
        const confirm = h('span', { class: 'confirm', hidden: true },
            h('button', { type: 'button', class: 'button button-small button-danger-solid', text: t('editor.confirmDelete'), onclick: editor.onDelete }),
            h('button', { type: 'button', class: 'button button-small', text: t('editor.cancel'), onclick: () => {
                confirm.hidden = true;
                del.hidden = false;
                del.focus();
            } }),
        );
        del.addEventListener('click', () => {
            del.hidden = true;
            confirm.hidden = false;
            confirm.querySelector('button').focus();
        });
        box.append(del, confirm);
    }
    return box;
}
