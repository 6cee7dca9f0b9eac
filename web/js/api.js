// Calls to lc-api on the same origin. Every error answer has one shape,
// {"error": {"code", "message", "parameter", "fields"?, "current_revision"?}},
// and becomes an ApiError here.

import { token } from './auth-token.js';

export class ApiError extends Error {
    constructor(status, body) {
        const error = body?.error ?? {};
        super(error.message || `HTTP ${status}`);
        this.status = status;
        this.code = error.code ?? 'http_error';
        this.parameter = error.parameter ?? null;
        this.fields = Array.isArray(error.fields) ? error.fields : [];
        this.currentRevision = error.current_revision ?? null;
    }
}

// body: sent as JSON (as a merge patch with `patch`); form: a FormData, sent
// as multipart/form-data with the boundary the browser writes.
async function request(method, path, { params, body, form, patch = false, etag, signal } = {}) {
    const headers = { Accept: 'application/json' };
    const tok = token();
    if (tok) headers.Authorization = `Bearer ${tok}`;
    if (body !== undefined) headers['Content-Type'] = patch ? 'application/merge-patch+json' : 'application/json';
    if (etag) headers['If-Match'] = etag;
    const query = params ? `?${params}` : '';
    let res;
    try {
        res = await fetch(path + query, {
            method,
            headers,
            body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
            cache: 'no-store',
            credentials: 'same-origin',
            signal,
        });
    } catch (err) {
        if (err.name === 'AbortError') throw err;
        throw new ApiError(0, { error: { code: 'network', message: err.message } });
    }
    let data = null;
    const type = res.headers.get('Content-Type') ?? '';
    if (type.includes('application/json')) data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data);
    return { data, etag: res.headers.get('ETag') };
}

const entryPath = (slug) => `/api/entries/${encodeURIComponent(slug)}`;

export const api = {
    search: async (params) => (await request('GET', '/api/search', { params })).data,
    suggest: async (q, lang) =>
        (await request('GET', '/api/suggest', { params: new URLSearchParams({ q, lang }) })).data,
    me: async () => (await request('GET', '/api/me')).data,
    // Returns {data, etag}: editors need the ETag to send If-Match.
    // fromQuery: the search the entry was opened from, counted in the search statistics.
    entry: (slug, fromQuery) => request('GET', entryPath(slug), fromQuery ? { params: new URLSearchParams({ q: fromQuery }) } : {}),
    list: async (filter) => (await request('GET', '/api/entries', { params: new URLSearchParams(filter) })).data,
    create: (entry) => request('POST', '/api/entries', { body: entry }),
    replace: (slug, entry, etag) => request('PUT', entryPath(slug), { body: entry, etag }),
    remove: (slug, etag) => request('DELETE', entryPath(slug), { etag }),
    restore: (slug, revision, etag) =>
        request('POST', `${entryPath(slug)}/restore`, { body: revision ? { revision } : {}, etag }),
    // Photos: an upload (file, alt_vi, alt_en, credit) answers the photo; a
    // removal or a new order answers the entry. Each is a revision (If-Match).
    uploadPhoto: (slug, form, etag) => request('POST', `${entryPath(slug)}/photos`, { form, etag }),
    removePhoto: (slug, id, etag) => request('DELETE', `${entryPath(slug)}/photos/${encodeURIComponent(id)}`, { etag }),
    orderPhotos: (slug, ids, etag) => request('PATCH', entryPath(slug), { body: { photos: ids }, patch: true, etag }),
    revisions: async (slug) => (await request('GET', `${entryPath(slug)}/revisions`)).data,
    // Editors: what visitors search, and the synonym groups (one revision for the set).
    searchStats: async (days) => (await request('GET', '/api/stats/searches', { params: new URLSearchParams({ days }) })).data,
    synonyms: () => request('GET', '/api/synonyms'),
    addSynonymGroup: (group, etag) => request('POST', '/api/synonyms', { body: group, etag }),
    replaceSynonymGroup: (id, group, etag) => request('PUT', `/api/synonyms/${id}`, { body: group, etag }),
    removeSynonymGroup: (id, etag) => request('DELETE', `/api/synonyms/${id}`, { etag }),
    synonymRevisions: async () => (await request('GET', '/api/synonyms/revisions')).data,
    restoreSynonyms: (revision, etag) => request('POST', '/api/synonyms/restore', { body: { revision }, etag }),
};
