import { apiClient, el } from './dom.js';
import { TEXT as MESSAGES } from './messages-text.js';
import { templateSender } from './template-sender.js';
import { ThreadView } from './thread-view.js';

// The WhatsApp panel on a contact's or a pipeline record's page: the contact's conversations, newest first, each
// read and answered right here (the Messages tab's thread and composer, with its permissions) or opened in the
// Messages tab, and "Send WhatsApp message" with an approved template. Customer text is only ever set with textContent.
const TEXT = {
  en: { none: 'No WhatsApp conversation with this contact yet.', open: 'Open in Messages', unread: 'unread', noAccess: 'Your profile has no access to WhatsApp messages.',
    send: 'Send WhatsApp message', sent: 'Queued. It opens in Messages.', noNumber: 'No WhatsApp number is connected.',
    read: 'Read and answer here' },
  ja: { none: 'この連絡先との WhatsApp の会話はまだありません。', open: 'メッセージで開く', unread: '件の未読', noAccess: 'あなたのプロファイルには WhatsApp メッセージへのアクセス権がありません。',
    send: 'WhatsApp メッセージを送信', sent: '送信待ちに入れました。メッセージで開けます。', noNumber: 'WhatsApp の番号が接続されていません。',
    read: 'ここで読んで返信' },
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
      const [page, me, users] = await Promise.all([api(`/api/whatsapp/conversations?${filter}=${encodeURIComponent(id)}&limit=20`),
        api('/api/whatsapp/me'), api('/api/whatsapp/users')]);
      const mayReply = me.level === 'VIEW_AND_REPLY';
      const holder = el('div', { class: 'record-thread' });
      // The Messages tab's thread, here without its list: opening marks the chat read as there.
      const thread = new ThreadView({ api, t: MESSAGES[lang], lang, users, mayReply, csrf, list: { refreshItem() {}, loadBadge() {} } });
      const list = page.items.length === 0 ? el('p', { class: 'muted' }, t.none)
        : el('ul', { class: 'record-conversations' }, page.items.map((c) => el('li', { 'data-conversation-id': c.id },
          el('div', {}, el('strong', {}, c.lastMessagePreview)),
          el('div', { class: 'muted' }, new Date(c.lastMessageAt).toLocaleString(lang), c.unreadCount > 0 ? ` · ${c.unreadCount} ${t.unread}` : ''),
          el('button', { type: 'button', class: 'link read-here', onclick: async () => {
            holder.replaceChildren(thread.element);
            await thread.open(c.id);
          } }, t.read), ' · ',
          el('a', { href: `/app/tabs/whatsapp/messages?conversation=${c.id}` }, t.open))));
      this.replaceChildren(el('link', { rel: 'stylesheet', href: new URL('./messages-tab.css', import.meta.url).pathname }),
        list, holder, mayReply ? this.sendButton(api, t, MESSAGES[lang], module, Number(id)) : null);
      this.thread = thread;
    } catch (error) {
      this.replaceChildren(el('p', { class: 'muted' }, error.status === 403 ? t.noAccess : error.message));
    }
  }

  disconnectedCallback() {
    if (this.thread) this.thread.stop();
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
