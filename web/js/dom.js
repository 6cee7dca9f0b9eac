// Building the page from data without ever parsing data as HTML: every text
// goes in through textContent or a text node. No innerHTML anywhere.

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('a', {href, class: 'x', onclick}, 'text', childNode, [more], null)
export function h(tag, props, ...children) {
    return fill(document.createElement(tag), props, children);
}

export function svg(tag, props, ...children) {
    return fill(document.createElementNS(SVG_NS, tag), props, children);
}

function fill(el, props, children) {
    for (const [key, value] of Object.entries(props ?? {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') el.setAttribute('class', value);
        else if (key === 'text') el.textContent = value;
        else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
        else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
}

export function append(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
}

export function clear(el) {
    el.replaceChildren();
    return el;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// The API escapes snippet text as HTML. Undo that in one pass, so that
// "&amp;lt;" becomes the text "&lt;", never a tag.
export function unescapeHtml(text) {
    return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, name) => {
        if (name[0] === '#') {
            const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
            return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
        }
        return ENTITIES[name] ?? whole;
    });
}

// A snippet is escaped text in which the only markup is <mark>…</mark>.
// Only those become elements; everything else is text.
export function highlighted(snippet) {
    const frag = document.createDocumentFragment();
    let inMark = false;
    for (const part of String(snippet).split(/(<mark>|<\/mark>)/)) {
        if (part === '<mark>') inMark = true;
        else if (part === '</mark>') inMark = false;
        else if (part) frag.append(inMark ? h('mark', null, unescapeHtml(part)) : document.createTextNode(unescapeHtml(part)));
    }
    return frag;
}

// Text with blank lines between paragraphs, as the catalog stores bodies.
export function paragraphs(text, props) {
    return String(text)
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => h('p', props, p));
}

let uid = 0;
export function uniqueId(prefix) {
    uid += 1;
    return `${prefix}-${uid}`;
}

// Left clicks without modifiers stay in the page; others (new tab) go the browser's way.
export function isPlainClick(event) {
    return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
