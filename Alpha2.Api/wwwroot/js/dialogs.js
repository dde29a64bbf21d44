// The page's modal dialogs: the API key prompt and a confirmation. Native <dialog> gives focus trapping and Escape
// for free; these functions only add the page's behaviour on top.
import { $ } from './dom.js';
import { t } from './i18n.js';
import { setApiKey } from './api.js';

/** Asks for the API key; `reason` says why (first visit or a refused key). Resolves when the dialog closes. */
export function askApiKey(reason) {
  const dialog = $('#key-dialog');
  $('#key-reason').textContent = t(reason === 'refused' ? 'key.refused' : 'key.needed');
  if (dialog.open) return Promise.resolve();
  const input = $('#api-key');
  input.value = '';
  dialog.showModal();
  input.focus();
  return new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
}

export function initKeyDialog() {
  const dialog = $('#key-dialog');
  $('#key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('#api-key').value.trim();
    if (!key) return;
    setApiKey(key);
    dialog.close('saved');
  });
  $('#api-key-cancel').addEventListener('click', () => dialog.close('cancel'));
}

/** A yes/no question in a modal dialog; resolves true only for the confirm button. */
export function confirmDialog(message, confirmLabel) {
  const dialog = $('#confirm-dialog');
  $('#confirm-text').textContent = message;
  $('#confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  // The safe choice has focus, so Enter on a stray keypress does not delete.
  $('#confirm-cancel').focus();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

export function initConfirmDialog() {
  const dialog = $('#confirm-dialog');
  $('#confirm-form').addEventListener('submit', (event) => {
    event.preventDefault();
    dialog.close('ok');
  });
  $('#confirm-cancel').addEventListener('click', () => dialog.close('cancel'));
}
