// The editor's token, kept in sessionStorage only: it lives as long as the
// browser tab and is never written to localStorage, a cookie or the address.

const KEY = 'lc-explorer.token';

export function token() {
    try {
        return sessionStorage.getItem(KEY);
    } catch {
        return null;
    }
}

export function setToken(value) {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
}
