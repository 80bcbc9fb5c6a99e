import { el } from './dom.js';
import { TICKS } from './messages-text.js';
import { composerFor } from './composer.js';

const PAGE = 100;

/**
 * The open conversation: its header (owner, mark unread), the 24-hour window counting down, the messages oldest
 * first with earlier pages on demand, and the composer of users who may answer. Customer text is only ever set
 * as text.
 */
export class ThreadView {
  constructor({ api, t, lang, users, mayReply, csrf, list, onNote }) {
    Object.assign(this, { api, t, lang, users, mayReply, csrf, list, onNote });
    this.openId = null;
    this.composer = null;
    this.element = el('section', { class: 'thread', id: 'thread' }, el('p', { class: 'muted' }, t.choose));
  }

  async open(id) {
    this.openId = id;
    this.keptUnread = null;
    await this.show(await this.read(id));
  }

  /**
   * The conversation, marked read (the list and badge follow) since the user is looking at it, unless the user
   * marked it unread to come back to it: then it stays unread until they open it again.
   */
  async read(id) {
    let conversation = await this.api(`/api/whatsapp/conversations/${id}`);
    if (conversation.unreadCount > 0 && this.keptUnread !== id) {
      conversation = await this.api(`/api/whatsapp/conversations/${id}/read`, 'POST', {});
      this.list.refreshItem(conversation);
      this.list.loadBadge();
    }
    return conversation;
  }

  /**
   * Brings the open thread up to date (new messages, ticks, the window) without touching the composer, so that
   * what the user is typing or attaching survives live updates.
   */
  async refresh(id) {
    if (this.openId !== id) return;
    const conversation = await this.read(id);
    const bubbles = this.element.querySelector('#bubbles');
    const windowOpen = Boolean(conversation.windowExpiresAt) && new Date(conversation.windowExpiresAt) > new Date();
    const answerable = conversation.channelStatus === 'CONNECTED' && windowOpen;
    if (!bubbles || this.shownStatus !== conversation.channelStatus
        || (this.mayReply && answerable !== Boolean(this.composer && this.composer.open))) {
      await this.show(conversation);
      return;
    }
    const messages = await this.api(`/api/whatsapp/conversations/${id}/messages?limit=${PAGE}`);
    const atBottom = bubbles.scrollTop + bubbles.clientHeight >= bubbles.scrollHeight - 40;
    const byWamid = new Map(messages.filter((m) => m.wamid).map((m) => [m.wamid, m]));
    bubbles.replaceChildren(...messages.map((m) => this.bubble(m, byWamid)));
    if (atBottom) this.scrollToNewest();
    this.tickWindow(conversation);
  }

  /** After the user's own answer the newest message is theirs: show it, whatever was scrolled before. */
  async sent(id) {
    await this.refresh(id);
    this.scrollToNewest();
  }

  /** Shows the newest message, and again once pictures above it have loaded and pushed it down. */
  scrollToNewest() {
    const bubbles = this.element.querySelector('#bubbles');
    if (!bubbles) return;
    bubbles.scrollTop = bubbles.scrollHeight;
    bubbles.querySelectorAll('img').forEach((image) => {
      if (!image.complete) image.addEventListener('load', () => { bubbles.scrollTop = bubbles.scrollHeight; }, { once: true });
    });
  }

  async show(conversation) {
    const t = this.t;
    this.shownStatus = conversation.channelStatus;
    const messages = await this.api(`/api/whatsapp/conversations/${conversation.id}/messages?limit=${PAGE}`);
    this.composer = this.mayReply && conversation.channelStatus === 'CONNECTED'
      ? await composerFor({ api: this.api, t, csrf: this.csrf, conversation, onSent: () => this.sent(conversation.id) })
      : null;
    const byWamid = new Map(messages.filter((m) => m.wamid).map((m) => [m.wamid, m]));
    const earlier = el('button', { type: 'button', class: 'earlier', hidden: messages.length < PAGE }, t.earlier);
    earlier.addEventListener('click', async () => {
      const first = this.element.querySelector('#bubbles li');
      const older = await this.api(`/api/whatsapp/conversations/${conversation.id}/messages?limit=${PAGE}&before=${first.dataset.messageId}`);
      older.forEach((m) => byWamid.set(m.wamid, m));
      first.before(...older.map((m) => this.bubble(m, byWamid)));
      earlier.hidden = older.length < PAGE;
    });
    const connected = conversation.channelStatus === 'CONNECTED';
    const parts = [this.header(conversation),
      connected ? null : el('p', { class: 'channel-banner', id: 'channel-banner', role: 'status' },
        conversation.channelStatus === 'NEEDS_REAUTH' ? t.needsReauth(conversation.channelName) : t.disconnected(conversation.channelName)),
      connected ? el('p', { class: 'muted window', id: 'window-countdown', title: conversation.windowExpiresAt
        ? `${t.windowOpen} ${new Date(conversation.windowExpiresAt).toLocaleString(this.lang)}` : '' }) : null,
      earlier,
      el('ol', { class: 'bubbles', id: 'bubbles' }, messages.map((m) => this.bubble(m, byWamid))),
      connected && this.composer ? this.composer.element : null];
    this.element.replaceChildren(...parts.filter(Boolean));
    this.scrollToNewest();
    if (connected) this.tickWindow(conversation);
  }

  header(conversation) {
    const t = this.t;
    const ownerName = (this.users.find((u) => u.id === conversation.ownerId) || {}).name || t.unassigned;
    const owner = this.mayReply ? this.ownerSelect(conversation) : el('span', { id: 'owner-name' }, ownerName);
    const keptUnread = this.keptUnread === conversation.id;
    const toggle = el('button', { type: 'button', id: keptUnread ? 'mark-read' : 'mark-unread', onclick: async () => {
      this.keptUnread = keptUnread ? null : conversation.id;
      const changed = await this.api(`/api/whatsapp/conversations/${conversation.id}/${keptUnread ? 'read' : 'unread'}`, 'POST', {});
      this.list.refreshItem(changed);
      this.list.loadBadge();
      header.replaceWith(this.header(changed));
    } }, keptUnread ? t.markRead : t.markUnread);
    const header = el('header', { class: 'thread-header' },
      el('div', {}, el('h2', { id: 'thread-title' }, conversation.contactName),
        el('div', { class: 'muted' }, conversation.phoneDisplay || '', conversation.channelName ? ` · ${conversation.channelName}` : '')),
      el('label', {}, `${t.owner} `, owner), toggle);
    return header;
  }

  ownerSelect(conversation) {
    const t = this.t;
    const owner = el('select', { id: 'owner-select', 'aria-label': t.owner },
      el('option', { value: '' }, t.unassigned),
      this.users.filter((u) => u.active || u.id === conversation.ownerId).map((u) => el('option', { value: u.id }, u.name)));
    owner.value = conversation.ownerId == null ? '' : String(conversation.ownerId);
    const status = el('span', { class: 'error small', role: 'status' });
    owner.addEventListener('change', async () => {
      if (!owner.value) return;
      try {
        this.list.refreshItem(await this.api(`/api/whatsapp/conversations/${conversation.id}`, 'PATCH', { ownerId: Number(owner.value) }));
        status.textContent = '';
      } catch (error) {
        owner.value = conversation.ownerId == null ? '' : String(conversation.ownerId);
        status.textContent = error.message;
      }
    });
    return el('span', {}, owner, ' ', status);
  }

  /** Counts the 24-hour window down every half minute; when it closes, the composer gives way to the template offer. */
  tickWindow(conversation) {
    this.stop();
    const line = this.element.querySelector('#window-countdown');
    const expires = conversation.windowExpiresAt ? new Date(conversation.windowExpiresAt).getTime() : 0;
    const tick = () => {
      const left = expires - Date.now();
      if (left <= 0) {
        clearInterval(this.windowTimer);
        line.textContent = this.t.windowClosed;
        line.classList.add('closed');
        if (this.composer && this.composer.open) this.composer.close();
        this.composer = null;
        return;
      }
      const minutes = Math.ceil(left / 60000);
      line.textContent = minutes < 60 ? this.t.closesSoon(minutes) : this.t.closesIn(Math.floor(minutes / 60), minutes % 60);
      line.classList.toggle('closing', minutes < 60);
    };
    tick();
    this.windowTimer = setInterval(tick, 30000);
    this.windowCloser = setTimeout(tick, Math.max(0, Math.min(expires - Date.now() + 50, 2 ** 31 - 1)));
  }

  stop() {
    clearInterval(this.windowTimer);
    clearTimeout(this.windowCloser);
  }

  bubble(m, byWamid) {
    const t = this.t;
    const d = m.details || {};
    const content = d.content || {};
    const parts = [];
    if (d.quote && d.quote.wamid) {
      const quoted = byWamid.get(d.quote.wamid);
      parts.push(el('blockquote', { class: 'quoted' }, `${t.quoted}: `, quoted ? (quoted.text || t[quoted.type] || '') : '…'));
    }
    if (['image', 'video', 'audio', 'document', 'sticker'].includes(m.type)) {
      parts.push(this.attachment(m));
      if (m.text) parts.push(el('div', {}, m.text));
    } else if (m.type === 'location') {
      parts.push(el('div', {}, '📍 ', m.text || ''),
        el('a', { href: `https://www.openstreetmap.org/?mlat=${encodeURIComponent(content.latitude)}&mlon=${encodeURIComponent(content.longitude)}`,
          target: '_blank', rel: 'noopener noreferrer' }, t.location));
    } else if (m.type === 'contacts') {
      (content.cards || []).forEach((card, index) => {
        // A card the customer shared is someone the business may want in its CRM.
        const save = this.mayReply && card.phones.length > 0 ? el('button', { type: 'button', class: 'link save-card',
          'data-card': index, onclick: async (event) => {
            const saved = await this.api(`/api/whatsapp/conversations/${this.openId}/messages/${m.id}/contact-cards/${index}`, 'POST', {});
            event.target.replaceWith(el('a', { href: saved.link }, t.openContact));
          } }, t.saveContact) : null;
        parts.push(el('div', { class: 'contact-card' }, `👤 ${card.name}`, ...card.phones.map((p) => el('div', { class: 'small' }, p)), save));
      });
    } else if (m.type === 'system' && content.newWaId) {
      parts.push(el('div', { class: 'text' }, m.text || ''));
      if (this.mayReply) {
        parts.push(el('button', { type: 'button', class: 'link apply-number', onclick: async (event) => {
          await this.api(`/api/whatsapp/conversations/${this.openId}/messages/${m.id}/number-change`, 'POST', {});
          event.target.replaceWith(el('span', { class: 'muted small' }, t.numberUpdated));
        } }, t.updateNumber(`+${content.newWaId}`)));
      }
    } else if (m.type === 'unsupported') {
      parts.push(el('em', { class: 'muted' }, t.unsupported));
    } else {
      parts.push(el('div', { class: 'text' }, m.text || ''));
    }
    const meta = [m.authorName ? el('span', { class: 'author' }, `${m.authorName} · `) : null,
      new Date(m.at).toLocaleTimeString(this.lang, { hour: '2-digit', minute: '2-digit' })];
    if (m.direction === 'OUT') meta.push(el('span', { class: `tick ${m.status}`, title: m.status }, TICKS[m.status] || ''));
    if (m.status === 'FAILED' && m.error) {
      // Meta's own wording for codes an agent can act on is replaced by the plugin's, in the agent's language.
      meta.push(el('span', { class: 'error' }, ` ${t.failed}: ${t.metaErrors[m.error.code] || m.error.detail || m.error.code}`));
    }
    if (m.wamid && m.type !== 'reaction' && this.composer && this.composer.open) {
      meta.push(el('button', { type: 'button', class: 'quote-reply link', title: t.reply, 'aria-label': t.reply,
        onclick: () => this.composer && this.composer.quote(m) }, '↩'));
    }
    if (this.mayReply && this.onNote && m.type !== 'reaction') {
      meta.push(el('button', { type: 'button', class: 'note-from-message link', title: t.saveAsNote, 'aria-label': t.saveAsNote,
        'data-message-id': m.id, onclick: () => this.onNote(m.id) }, '📝'));
    }
    if (m.status === 'FAILED' && m.direction === 'OUT' && this.mayReply) {
      meta.push(el('button', { type: 'button', class: 'retry-send', onclick: async () => {
        await this.api(`/api/whatsapp/conversations/${this.openId}/messages/${m.id}/retry`, 'POST', {});
        await this.refresh(this.openId);
      } }, t.retrySend));
    }
    return el('li', { class: `bubble ${m.direction === 'IN' ? 'in' : 'out'}`, 'data-message-id': m.id, 'data-type': m.type },
      ...parts, d.reaction ? el('span', { class: 'reaction', title: t.reaction }, d.reaction) : null,
      el('div', { class: 'meta muted small' }, ...meta));
  }

  /** A preview or download link once the file is here; progress while it downloads; a retry when it failed. */
  attachment(m) {
    const t = this.t;
    const file = m.attachment || { state: 'PENDING' };
    const label = `📎 ${t[m.type]}${file.fileName ? `: ${file.fileName}` : ''}`;
    if (file.url && (m.type === 'image' || m.type === 'sticker')) {
      return el('a', { href: file.url, target: '_blank', rel: 'noopener' }, el('img', { src: file.url, alt: label, class: 'preview-image' }));
    }
    if (file.url) {
      return el('a', { href: file.url, download: file.fileName || '', class: 'attachment' }, label);
    }
    if (file.state === 'FAILED') {
      return el('div', { class: 'attachment error' }, label, ' ', el('button', { type: 'button', onclick: async () => {
        await this.api(`/api/whatsapp/conversations/${this.openId}/messages/${m.id}/media/retry`, 'POST', {});
        setTimeout(() => this.refresh(this.openId), 1500);
      } }, t.retryDownload));
    }
    return el('div', { class: 'attachment muted' }, label, ` (${t.downloading})`);
  }
}
