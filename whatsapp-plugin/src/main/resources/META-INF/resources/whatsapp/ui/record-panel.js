import { apiClient, el } from './dom.js';
import { TEXT as MESSAGES } from './messages-text.js';
import { templateSender } from './template-sender.js';

// The WhatsApp panel on a contact's or a pipeline record's page: the contact's conversations, newest
// first, each opening in the Messages tab, and "Send WhatsApp message" with an approved template. Customer text is
// only ever set with textContent.
const TEXT = {
  en: { none: 'No WhatsApp conversation with this contact yet.', open: 'Open in Messages', unread: 'unread', noAccess: 'Your profile has no access to WhatsApp messages.',
    send: 'Send WhatsApp message', sent: 'Queued. It opens in Messages.', noNumber: 'No WhatsApp number is connected.' },
  ja: { none: 'この連絡先との WhatsApp の会話はまだありません。', open: 'メッセージで開く', unread: '件の未読', noAccess: 'あなたのプロファイルには WhatsApp メッセージへのアクセス権がありません。',
    send: 'WhatsApp メッセージを送信', sent: '送信待ちに入れました。メッセージで開けます。', noNumber: 'WhatsApp の番号が接続されていません。' },
};

class RecordPanel extends HTMLElement {
  async connectedCallback() {
    const lang = this.getAttribute('lang') === 'ja' ? 'ja' : 'en';
    const t = TEXT[lang];
    const module = this.getAttribute('record-module');
    const id = this.getAttribute('record-id');
    let csrf = null;
    const api = apiClient(() => csrf);
    try {
      const session = await api('/api/crm/session');
      csrf = session.csrfToken;
      const filter = module === 'contacts' ? 'contactId' : 'pipelineRecordId';
      const [page, me] = await Promise.all([api(`/api/whatsapp/conversations?${filter}=${encodeURIComponent(id)}&limit=20`),
        api('/api/whatsapp/me')]);
      const list = page.items.length === 0 ? el('p', { class: 'muted' }, t.none)
        : el('ul', { class: 'record-conversations' }, page.items.map((c) => el('li', { 'data-conversation-id': c.id },
          el('div', {}, el('strong', {}, c.lastMessagePreview)),
          el('div', { class: 'muted' }, new Date(c.lastMessageAt).toLocaleString(lang), c.unreadCount > 0 ? ` · ${c.unreadCount} ${t.unread}` : ''),
          el('a', { href: `/app/tabs/whatsapp/messages?conversation=${c.id}` }, t.open))));
      this.replaceChildren(list, me.level === 'VIEW_AND_REPLY' ? this.sendButton(api, t, MESSAGES[lang], module, Number(id)) : null);
    } catch (error) {
      this.replaceChildren(el('p', { class: 'muted' }, error.status === 403 ? t.noAccess : error.message));
    }
  }

  /** "Send WhatsApp message": an approved template to the contact (a record's contact), as a new or continued chat. */
  sendButton(api, t, messages, module, id) {
    const holder = el('div', { class: 'record-send' });
    const button = el('button', { type: 'button', id: 'record-send-whatsapp', onclick: async () => {
      button.hidden = true;
      const numbers = (await api('/api/whatsapp/numbers')).filter((n) => n.status === 'CONNECTED');
      if (numbers.length === 0) {
        holder.replaceChildren(el('p', { class: 'muted' }, t.noNumber));
        return;
      }
      const number = el('select', { 'aria-label': messages.number }, numbers.map((n) => el('option', { value: n.id }, `${n.name} (${n.displayPhoneNumber})`)));
      const target = module === 'contacts' ? { contactId: id } : { pipelineRecordId: id };
      const offer = async () => holder.replaceChildren(...(numbers.length > 1 ? [number] : []),
        await templateSender({ api, t: messages, channelId: number.value, phone: null, target, onSend: async (templateId, params) => {
          const started = await api('/api/whatsapp/chats', 'POST', { ...target, channelId: Number(number.value), templateId, params });
          holder.replaceChildren(el('p', {}, t.sent, ' '), el('a', { href: `/app/tabs/whatsapp/messages?conversation=${started.conversationId}` }, t.open));
        } }));
      number.addEventListener('change', offer);
      await offer();
    } }, t.send);
    holder.append(button);
    return holder;
  }
}

if (!customElements.get('whatsapp-record-panel')) customElements.define('whatsapp-record-panel', RecordPanel);
