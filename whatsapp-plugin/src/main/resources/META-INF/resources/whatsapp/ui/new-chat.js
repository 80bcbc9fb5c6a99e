import { el } from './dom.js';
import { templateSender } from './template-sender.js';

/**
 * "New WhatsApp chat": the business writes first. Choose a contact of the CRM (found through the plugin, by name or
 * phone), the number to write from when there are several, and an approved template filled for that contact.
 *
 * @param onStarted (conversationId) => void, once the template is queued
 */
export async function newChatPanel({ api, t, onStarted }) {
  const numbers = (await api('/api/whatsapp/numbers')).filter((number) => number.status === 'CONNECTED');
  const search = el('input', { type: 'search', id: 'new-chat-contact', placeholder: t.searchContacts, 'aria-label': t.searchContacts });
  const results = el('ul', { class: 'contact-results', id: 'new-chat-results' });
  const number = el('select', { id: 'new-chat-number', 'aria-label': t.number },
    numbers.map((n) => el('option', { value: n.id }, `${n.name} (${n.displayPhoneNumber})`)));
  const chosen = el('p', { class: 'chosen-contact', id: 'new-chat-chosen' });
  const sender = el('div', { id: 'new-chat-sender' });
  let contact = null;

  const offerTemplates = async () => {
    if (!contact || !number.value) return;
    sender.replaceChildren(await templateSender({ api, t, channelId: number.value, phone: contact.phone,
      target: { contactId: contact.id }, onSend: async (templateId, params) => {
        const started = await api('/api/whatsapp/chats', 'POST',
          { contactId: contact.id, channelId: Number(number.value), templateId, params });
        onStarted(started.conversationId);
      } }));
  };
  let debounce;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(async () => {
      const found = await api(`/api/whatsapp/contacts?q=${encodeURIComponent(search.value.trim())}`);
      results.replaceChildren(...(found.length === 0 ? [el('li', { class: 'muted' }, t.noContacts)]
        : found.map((c) => el('li', {}, el('button', { type: 'button', class: 'link', 'data-contact-id': c.id, disabled: !c.phone,
          onclick: () => {
            contact = c;
            chosen.textContent = `${c.name} · ${c.phoneDisplay}`;
            results.replaceChildren();
            offerTemplates();
          } }, c.name, ' · ', c.phone ? c.phoneDisplay : t.noPhone)))));
    }, 250);
  });
  number.addEventListener('change', offerTemplates);
  return el('section', { class: 'new-chat', id: 'new-chat' }, el('h2', {}, t.newChat.replace(/^\+\s*/, '')),
    el('label', {}, el('span', { class: 'muted small' }, t.contact), search), results, chosen,
    numbers.length > 1 ? el('label', {}, el('span', { class: 'muted small' }, t.number), number) : null, sender);
}
