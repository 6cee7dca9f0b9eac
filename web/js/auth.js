// Editor sign-in: a token checked with GET /api/me, kept in sessionStorage.

import { api } from './api.js';
import { token, setToken } from './auth-token.js';
import { t } from './i18n.js';

let editor = null; // {name, role} once signed in

export function currentEditor() {
    return editor;
}

// On load: a token left in this tab is checked again; a stale one is dropped.
export async function restoreSession() {
    if (!token()) return null;
    try {
        editor = await api.me();
    } catch (err) {
        if (err.status === 401 || err.status === 403) setToken(null);
        editor = null;
    }
    return editor;
}

// onChange(editor | null) after signing in or out.
export function initSignIn(onChange) {
    const dialog = document.getElementById('signin-dialog');
    const form = document.getElementById('signin-form');
    const input = document.getElementById('signin-token');
    const error = document.getElementById('signin-error');
    const open = document.getElementById('signin-open');

    open.addEventListener('click', () => {
        error.textContent = '';
        input.value = '';
        input.removeAttribute('aria-invalid');
        dialog.showModal();
        input.focus();
    });
    document.getElementById('signin-cancel').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => open.focus());

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) {
            error.textContent = t('editor.badToken');
            input.setAttribute('aria-invalid', 'true');
            return;
        }
        error.textContent = t('editor.checking');
        setToken(value);
        try {
            editor = await api.me();
            error.textContent = '';
            dialog.close();
            onChange(editor);
        } catch (err) {
            setToken(null);
            editor = null;
            input.setAttribute('aria-invalid', 'true');
            error.textContent = err.status === 401 || err.status === 403 ? t('editor.badToken') : t('editor.error', { msg: err.message });
            input.select();
        }
    });

    document.getElementById('signout').addEventListener('click', () => {
        setToken(null);
        editor = null;
        onChange(null);
        open.focus();
    });
}

export function renderEditorBar() {
    const bar = document.getElementById('editor-bar');
    const open = document.getElementById('signin-open');
    bar.hidden = !editor;
    open.hidden = !!editor;
    if (editor) document.getElementById('editor-who').textContent = t('editor.signedInAs', { name: editor.name });
}
