import { el, uploadForm } from './dom.js';
import { templateSender } from './template-sender.js';

/**
 * What the agent answers with, as the server allows it now ({@code /reply-options}): while the 24-hour window is
 * open, text with quick replies on "/" (filled for this customer by the server), a quoted message, and one file of
 * an accepted format with its upload progress; once the window is closed, the template offer. The server checks
 * everything again; these checks only spare the user an upload that would be refused.
 *
 * @returns {Promise<{element: HTMLElement, open: boolean, quote: Function, close: Function}>}
 */
export async function composerFor({ api, t, csrf, conversation, onSent }) {
  const options = await api(`/api/whatsapp/conversations/${conversation.id}/reply-options`);
  const sendTemplate = async (templateId, params) => {
    await api(`/api/whatsapp/conversations/${conversation.id}/messages`, 'POST', { templateId, params });
    await onSent();
  };
  const offer = await templateOffer(api, t, conversation, sendTemplate);
  if (!options.windowOpen) return { element: offer, open: false, quote() {}, close() {} };

  const kinds = new Map(options.files.flatMap((rule) => rule.extensions.map((extension) => [extension, rule])));
  const acceptedNames = [...kinds.keys()].map((extension) => `.${extension.toUpperCase()}`).join(' ');
  const text = el('textarea', { id: 'composer-text', rows: 2, maxlength: options.textMax, placeholder: t.typeHere });
  const suggestions = el('ul', { class: 'quick-replies', id: 'quick-reply-suggestions', hidden: true });
  const status = el('span', { class: 'muted small', role: 'status', id: 'composer-status' });
  const send = el('button', { type: 'submit', class: 'primary', id: 'composer-send' }, t.send);
  const picker = el('input', { type: 'file', id: 'composer-file', hidden: true,
    accept: [...kinds.keys()].map((extension) => `.${extension}`).join(',') });
  const attach = el('button', { type: 'button', id: 'composer-attach', title: t.attach, 'aria-label': t.attach,
    onclick: () => picker.click() }, `📎 ${t.attachShort}`);
  const chosen = el('div', { class: 'chosen-file', id: 'composer-chosen', hidden: true });
  const progress = el('progress', { id: 'upload-progress', max: 1, value: 0, hidden: true });
  const quoting = el('div', { class: 'quoted', id: 'composer-quote', hidden: true });

  let quoted = null;
  const quote = (message) => {
    quoted = message ? message.wamid : null;
    quoting.hidden = !message;
    quoting.replaceChildren(...(message ? [`${t.quoted}: `, message.text || t[message.type] || '', ' ',
      el('button', { type: 'button', class: 'link', title: t.cancelQuote, 'aria-label': t.cancelQuote,
        onclick: () => quote(null) }, '✕')] : []));
    if (message) text.focus();
  };

  let file = null;
  const choose = (candidate) => {
    file = null;
    chosen.hidden = true;
    status.textContent = '';
    text.placeholder = t.typeHere;
    text.maxLength = options.textMax;
    if (!candidate) return;
    const rule = candidate.name.includes('.') ? kinds.get(candidate.name.split('.').pop().toLowerCase()) : undefined;
    if (!rule) {
      status.textContent = t.notAccepted(acceptedNames);
    } else if (candidate.size > rule.maxBytes) {
      status.textContent = t.tooLarge(t[rule.kind].toLowerCase(), Math.round(rule.maxBytes / 1048576));
    } else {
      file = candidate;
      chosen.replaceChildren(`📎 ${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB) `,
        el('button', { type: 'button', class: 'link', 'aria-label': t.removeFile, title: t.removeFile,
          onclick: () => { picker.value = ''; choose(null); } }, '✕'));
      chosen.hidden = false;
      text.placeholder = rule.takesCaption ? t.captionHere : '';
      text.maxLength = options.captionMax;
    }
  };
  picker.addEventListener('change', () => choose(picker.files[0]));

  text.addEventListener('input', () => {
    const typed = text.value.trim();
    const matches = typed.startsWith('/') && !typed.includes(' ')
      ? options.quickReplies.filter((q) => q.shortcut.startsWith(typed)) : [];
    suggestions.replaceChildren(...matches.map((q) => el('li', { 'data-shortcut': q.shortcut, onclick: () => {
      text.value = q.text;
      suggestions.hidden = true;
      status.textContent = q.missing.length > 0 ? t.missingValues(q.missing.join(', ')) : '';
      text.focus();
    } }, el('code', {}, q.shortcut), ' ', q.text)));
    suggestions.hidden = matches.length === 0;
  });

  // As on WhatsApp Web: Enter sends, Shift+Enter starts a new line. Who writes long answers turns it off, and then
  // Ctrl+Enter (⌘+Enter) sends. Enter that completes an IME word never sends.
  const enterSends = el('input', { type: 'checkbox', id: 'enter-sends', checked: enterSendsChosen(),
    onchange: () => { chooseEnterSends(enterSends.checked); text.title = enterSends.checked ? t.enterSends : t.ctrlEnterSends; } });
  text.title = enterSends.checked ? t.enterSends : t.ctrlEnterSends;
  text.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return;
    const sends = enterSends.checked ? !event.shiftKey : event.ctrlKey || event.metaKey;
    if (sends) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const path = `/api/whatsapp/conversations/${conversation.id}/messages`;
  const deliver = () => {
    if (!file) return api(path, 'POST', quoted ? { text: text.value, replyTo: quoted } : { text: text.value });
    const upload = new FormData();
    upload.append('file', file, file.name);
    if (text.value.trim()) upload.append('caption', text.value);
    if (quoted) upload.append('replyTo', quoted);
    progress.hidden = false;
    return uploadForm(path, upload, csrf, (share) => {
      progress.value = share;
      status.textContent = `${t.uploading} ${Math.round(share * 100)}%`;
    });
  };
  // A template may be sent in an open window too, for example a confirmation the business had approved.
  const templates = el('div', { class: 'template-drawer', id: 'template-drawer', hidden: true });
  const templateButton = el('button', { type: 'button', id: 'composer-template', onclick: async () => {
    templates.hidden = !templates.hidden;
    if (!templates.hidden && !templates.firstChild) {
      templates.append(await templateSender({ api, t, channelId: conversation.channelId, phone: conversation.phone,
        target: { conversationId: conversation.id }, onSend: async (templateId, params) => {
          await sendTemplate(templateId, params);
          templates.hidden = true;
          templates.replaceChildren();
        } }));
    }
  } }, t.template);
  const form = el('form', { class: 'composer', id: 'composer' }, suggestions, quoting, chosen, templates, text,
    el('div', { class: 'composer-actions' }, el('span', {}, attach, picker, ' ', templateButton, ' ', progress, ' ', status),
      el('span', { class: 'send' }, el('label', { class: 'inline small muted', title: t.enterSends }, enterSends,
        ` ${t.enterSendsShort}`), send)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim() && !file) return;
    send.disabled = true;
    attach.disabled = true;
    status.textContent = t.sending;
    try {
      await deliver();
      text.value = '';
      picker.value = '';
      choose(null);
      quote(null);
      await onSent();
    } catch (error) {
      status.textContent = error.status === 0 ? t.uploadBroke : error.message;
    } finally {
      progress.hidden = true;
      send.disabled = false;
      attach.disabled = false;
    }
  });
  const close = () => {
    if (text.value.trim()) {
      offer.append(el('p', { class: 'muted small' }, t.draftKept),
        el('textarea', { id: 'kept-draft', readonly: true, rows: 2 }, text.value));
    }
    form.replaceWith(offer);
  };
  return { element: form, open: true, quote, close };
}

const ENTER_SENDS = 'whatsapp.composer.enterSends';

/** Whether Enter sends, as this browser's user last chose it; yes until they turn it off. */
function enterSendsChosen() {
  try {
    return window.localStorage.getItem(ENTER_SENDS) !== 'false';
  } catch (storageBlocked) {
    return true;
  }
}

function chooseEnterSends(sends) {
  try {
    window.localStorage.setItem(ENTER_SENDS, String(sends));
  } catch (storageBlocked) {
    // The choice then lasts as long as the page.
  }
}

/**
 * What the composer offers once the 24-hour window is closed: only an approved template may reopen the chat, filled
 * for this customer, with what the CRM does not know asked for first.
 */
async function templateOffer(api, t, conversation, sendTemplate) {
  return el('div', { class: 'composer closed', id: 'template-offer', 'data-conversation-id': conversation.id },
    el('p', {}, t.closedHelp),
    await templateSender({ api, t, channelId: conversation.channelId, phone: conversation.phone,
      target: { conversationId: conversation.id }, onSend: sendTemplate }));
}
