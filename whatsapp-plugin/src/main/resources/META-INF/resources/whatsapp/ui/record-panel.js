import { apiClient, el } from './dom.js';

// The WhatsApp panel on a contact's or a pipeline record's page: the contact's conversations, newest
// first, each opening in the Messages tab. Customer text is only ever set with textContent.
const TEXT = {
  en: { none: 'No WhatsApp conversation with this contact yet.', open: 'Open in Messages', unread: 'unread', noAccess: 'Your profile has no access to WhatsApp messages.' },
  ja: { none: 'この連絡先との WhatsApp の会話はまだありません。', open: 'メッセージで開く', unread: '件の未読', noAccess: 'あなたのプロファイルには WhatsApp メッセージへのアクセス権がありません。' },
};

const getJson = apiClient(() => null);

class RecordPanel extends HTMLElement {
  async connectedCallback() {
    const lang = this.getAttribute('lang') === 'ja' ? 'ja' : 'en';
    const t = TEXT[lang];
    const module = this.getAttribute('record-module');
    const id = this.getAttribute('record-id');
    try {
      const filter = module === 'contacts' ? 'contactId' : 'pipelineRecordId';
      const page = await getJson(`/api/whatsapp/conversations?${filter}=${encodeURIComponent(id)}&limit=20`);
      if (page.items.length === 0) {
        this.replaceChildren(el('p', { class: 'muted' }, t.none));
        return;
      }
      this.replaceChildren(el('ul', { class: 'record-conversations' }, page.items.map((c) => el('li', { 'data-conversation-id': c.id },
        el('div', {}, el('strong', {}, c.lastMessagePreview)),
        el('div', { class: 'muted' }, new Date(c.lastMessageAt).toLocaleString(lang), c.unreadCount > 0 ? ` · ${c.unreadCount} ${t.unread}` : ''),
        el('a', { href: `/app/tabs/whatsapp/messages?conversation=${c.id}` }, t.open)))));
    } catch (error) {
      this.replaceChildren(el('p', { class: 'muted' }, error.status === 403 ? t.noAccess : error.message));
    }
  }
}

if (!customElements.get('whatsapp-record-panel')) customElements.define('whatsapp-record-panel', RecordPanel);
