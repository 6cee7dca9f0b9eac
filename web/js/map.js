// The province drawn as SVG from its outline (map/lai-chau-outline.geojson,
// Who's On First, CC BY 2.0), with the results placed by their coordinates.
// No tiles and no map library: an equirectangular projection is accurate
// enough for an area 180 km across. A point that is the place itself is a
// pin; a coarser one (a village, the centre of a former commune, a town) is
// a soft circle about as wide as the uncertainty, labelled with what it is.

import { svg, h, clear, isPlainClick } from './dom.js';
import { t, formatNumber } from './i18n.js';
import { locationLabel, isSite } from './location.js';

const WIDTH = 600;
const PAD = 30;
const KM_PER_DEG_LAT = 111.32;

let outline = null;

export async function loadOutline() {
    const res = await fetch('/map/lai-chau-outline.geojson', { cache: 'force-cache' });
    if (!res.ok) throw new Error(`map outline: HTTP ${res.status}`);
    const geo = await res.json();
    const feature = geo.features ? geo.features[0] : geo;
    const geom = feature.geometry ?? feature;
    // A Polygon's first ring is its boundary; a MultiPolygon gives several.
    const rings = geom.type === 'MultiPolygon' ? geom.coordinates.map((p) => p[0]) : [geom.coordinates[0]];
    outline = rings;
}

function projection(points) {
    const all = outline.flat().concat(points.map((p) => [p.lon, p.lat]));
    const lons = all.map((c) => c[0]);
    const lats = all.map((c) => c[1]);
    const minLon = Math.min(...lons);
    const maxLon = Math.max(...lons);
    const minLat = Math.min(...lats);
    const maxLat = Math.max(...lats);
    const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale = (WIDTH - 2 * PAD) / ((maxLon - minLon) * kx);
    const height = Math.ceil((maxLat - minLat) * scale + 2 * PAD);
    return {
        width: WIDTH,
        height,
        kmPerUnit: KM_PER_DEG_LAT / scale,
        x: (lon) => PAD + (lon - minLon) * kx * scale,
        y: (lat) => PAD + (maxLat - lat) * scale,
        lon: (x) => minLon + (x - PAD) / (kx * scale),
        lat: (y) => maxLat - (y - PAD) / scale,
    };
}

// How far from the point the place may be, in km, by precision: the circle's radius.
const UNCERTAINTY_KM = { village: 1.5, 'commune-centre': 4, town: 3, approximate: 5 };

// points: [{slug, name, lat, lon, location, area, label, href}]; near: "lat,lon" or null.
export function renderMap(container, { points, near, onPick, onOpen }) {
    clear(container);
    if (!outline) return;
    const nearPoint = near ? near.split(',').map(Number) : null;
    const extra = nearPoint ? [{ lat: nearPoint[0], lon: nearPoint[1] }] : [];
    const p = projection(points.concat(extra));
    const map = svg('svg', {
        viewBox: `0 0 ${p.width} ${p.height}`,
        class: 'map-svg',
        role: 'group',
        'aria-label': t('map.label'),
    });

    const d = outline
        .map((ring) => ring.map(([lon, lat], i) => `${i ? 'L' : 'M'}${p.x(lon).toFixed(1)} ${p.y(lat).toFixed(1)}`).join('') + 'Z')
        .join('');
    map.append(svg('path', { d, class: 'map-land' }, svg('title', null, t('map.outline'))));

    // Context: China lies along the northern border.
    map.append(svg('text', { x: p.width * 0.5, y: 22, class: 'map-context', 'aria-hidden': 'true' }, t('map.china')));
    map.append(northArrow(p), scaleBar(p));

    if (nearPoint) {
        const cx = p.x(nearPoint[1]);
        const cy = p.y(nearPoint[0]);
        map.append(
            svg(
                'g',
                { class: 'map-near', 'aria-hidden': 'true' },
                svg('circle', { cx, cy, r: 11, class: 'map-near-ring' }),
                svg('path', { d: `M${cx - 16} ${cy}H${cx - 5}M${cx + 5} ${cy}H${cx + 16}M${cx} ${cy - 16}V${cy - 5}M${cx} ${cy + 5}V${cy + 16}` }),
            ),
        );
    }

    // The soft circles first, under every marker.
    for (const { point, cx, cy } of spread(points, p)) {
        if (isSite(point.location)) continue;
        const r = Math.max(10, (UNCERTAINTY_KM[point.location?.precision] ?? 5) / p.kmPerUnit);
        map.append(svg('circle', { cx, cy, r, class: 'map-area', 'aria-hidden': 'true' }));
    }
    for (const { point, cx, cy } of spread(points, p)) {
        const numbered = point.label !== null && point.label !== undefined;
        const site = isSite(point.location);
        const what = locationLabel(point.location, point.area);
        const named = what ? `${point.name} — ${what}` : point.name;
        const marker = site
            ? svg('path', { d: `M${cx} ${cy}c-6-9-13-14-13-22a13 13 0 0 1 26 0c0 8-7 13-13 22z`, class: 'map-pin-head' })
            : svg('circle', { cx, cy, r: numbered ? 15 : 9 });
        const classes = ['map-point', site ? 'map-point-site' : 'map-point-area'];
        if (!numbered) classes.push('map-point-other');
        const link = svg(
            'a',
            {
                href: point.href,
                class: classes.join(' '),
                'data-precision': point.location?.precision ?? null,
                'aria-label': numbered && point.label ? `${point.label}. ${named}` : named,
            },
            svg('title', null, named),
            marker,
            numbered ? svg('text', { x: cx, y: site ? cy - 16.5 : cy + 5.5, 'text-anchor': 'middle', 'aria-hidden': 'true' }, point.label) : null,
        );
        link.addEventListener('click', (event) => {
            if (!isPlainClick(event)) return;
            event.preventDefault();
            event.stopPropagation();
            onOpen(point.slug);
        });
        map.append(link);
    }

    if (onPick) {
        map.classList.add('map-pickable');
        map.addEventListener('click', (event) => {
            if (event.target.closest('a')) return;
            const ctm = map.getScreenCTM();
            if (!ctm) return;
            const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
            const lat = Math.round(p.lat(at.y) * 1e4) / 1e4;
            const lon = Math.round(p.lon(at.x) * 1e4) / 1e4;
            onPick(lat, lon);
        });
    }
    container.append(map);
}

// Points at (nearly) the same place are set around it in a small ring, so
// each stays visible and clickable.
function spread(points, p) {
    const placed = points.map((point) => ({ point, cx: p.x(point.lon), cy: p.y(point.lat) }));
    const groups = new Map();
    for (const item of placed) {
        const key = `${Math.round(item.cx / 8)},${Math.round(item.cy / 8)}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(item);
    }
    for (const group of groups.values()) {
        if (group.length < 2) continue;
        const radius = 10 + 3 * group.length;
        group.forEach((item, i) => {
            const angle = (2 * Math.PI * i) / group.length - Math.PI / 2;
            item.cx += radius * Math.cos(angle);
            item.cy += radius * Math.sin(angle);
        });
    }
    // Numbered points are drawn last, on top.
    return placed.sort((a, b) => (a.point.label ? 1 : 0) - (b.point.label ? 1 : 0));
}

function northArrow(p) {
    const x = p.width - 26;
    const y = 30;
    return svg(
        'g',
        { class: 'map-north', 'aria-hidden': 'true' },
        svg('path', { d: `M${x} ${y - 14}L${x + 7} ${y + 6}L${x} ${y + 1}L${x - 7} ${y + 6}Z` }),
        svg('text', { x, y: y + 20, 'text-anchor': 'middle' }, t('map.north')),
    );
}

function scaleBar(p) {
    const km = 20;
    const len = km / p.kmPerUnit;
    const x = 16;
    const y = p.height - 12;
    return svg(
        'g',
        { class: 'map-scale', 'aria-hidden': 'true' },
        svg('path', { d: `M${x} ${y - 5}V${y}H${x + len}V${y - 5}` }),
        svg('text', { x: x + len + 6, y: y + 1 }, t('map.scale', { n: km })),
    );
}

// The text beside the map: the chosen point and the results without a location.
export function renderMapNotes(pointBox, summaryBox, { near, onClear, unlocated, locatedCount, openHref, onOpen }) {
    clear(pointBox);
    if (near) {
        const [lat, lon] = near.split(',').map(Number);
        pointBox.append(
            h('span', null, t('map.point', { lat: formatNumber(lat, 4), lon: formatNumber(lon, 4) })),
            h('button', { type: 'button', class: 'button button-small', text: t('map.clearPoint'), onclick: onClear }),
        );
    }
    pointBox.hidden = !near;

    clear(summaryBox);
    if (unlocated === null) return;
    if (unlocated.length === 0) {
        if (locatedCount > 0) summaryBox.append(h('p', { class: 'map-note' }, t('map.allLocated')));
        return;
    }
    summaryBox.append(
        h('p', { class: 'map-note' }, locatedCount > 0 ? t('map.located', { n: locatedCount }) : t('map.noneLocated')),
        h('h3', { class: 'map-unlocated-title' }, `${t('map.noLocation')} (${formatNumber(unlocated.length)})`),
        h('p', { class: 'map-note' }, t('map.noLocationNote')),
        h(
            'ul',
            { class: 'map-unlocated' },
            unlocated.map((item) =>
                h(
                    'li',
                    null,
                    h('a', {
                        href: openHref(item.slug),
                        text: item.name,
                        onclick: (event) => {
                            if (!isPlainClick(event)) return;
                            event.preventDefault();
                            onOpen(item.slug);
                        },
                    }),
                ),
            ),
        ),
    );
}
