// Photos on the page: a result's cover thumbnail and an entry's gallery.
// lc-api stores each photo as WebP and JPEG at three widths, at addresses
// it names from the photo's id (indexer/media/photo_store.h, PhotoStore::url);
// the browser picks the width it needs from srcset. The server-rendered
// pages (api/page_views.cpp) write the same markup.

import { h } from './dom.js';
import { lang, t } from './i18n.js';

const WIDTHS = [320, 800, 1600];

export function photoUrl(id, width, extension = 'webp') {
    return `/media/${id.slice(0, 2)}/${id}-${width}.${extension}`;
}

function srcset(id, extension, widths = WIDTHS) {
    return widths.map((w) => `${photoUrl(id, w, extension)} ${w}w`).join(', ');
}

function altText(photo) {
    return photo.alt?.[lang()] || photo.alt?.vi || '';
}

// A fixed 4:3 box (CSS), so the list does not move as thumbnails arrive.
export function coverThumb(cover) {
    if (!cover?.id) return null;
    return h('img', {
        class: 'result-thumb',
        src: photoUrl(cover.id, 320),
        srcset: srcset(cover.id, 'webp', [320, 800]),
        sizes: '8rem',
        alt: altText(cover),
        width: cover.width,
        height: cover.height,
        loading: 'lazy',
        decoding: 'async',
    });
}

// Every photo with what it shows and who took it; the first (the cover) is
// not lazy, since it is in view when the entry opens.
export function gallery(photos) {
    if (!photos?.length) return null;
    const sizes = '(max-width: 800px) 100vw, 800px';
    return h(
        'section',
        { class: 'gallery', 'aria-labelledby': 'gallery-title' },
        h('h3', { id: 'gallery-title' }, t('detail.photos')),
        photos.map((photo, i) =>
            h(
                'figure',
                { class: 'photo' },
                h(
                    'picture',
                    null,
                    h('source', { type: 'image/webp', srcset: srcset(photo.id, 'webp'), sizes }),
                    h('img', {
                        src: photoUrl(photo.id, 800, 'jpg'),
                        srcset: srcset(photo.id, 'jpg'),
                        sizes,
                        alt: altText(photo),
                        width: photo.width,
                        height: photo.height,
                        loading: i === 0 ? null : 'lazy',
                        decoding: 'async',
                    }),
                ),
                h('figcaption', null, h('span', { class: 'photo-alt' }, altText(photo)), ' ', h('span', { class: 'photo-credit' }, photo.credit ?? '')),
            ),
        ),
    );
}
