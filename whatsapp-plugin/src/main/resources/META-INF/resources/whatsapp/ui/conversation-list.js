import { el } from './dom.js';

/**
 * The list side of the Messages tab: All / My conversations, unread only, search, the unread badge and pages
 * of conversations newest first. Choosing one calls {@code onOpen(id)}.
 */
export class ConversationList {
  constructor({ api, t, lang, users, onOpen, onNewChat }) {
    Object.assign(this, { api, t, lang, users, onOpen });
    this.title = document.title;
    this.state = { view: 'ALL', unread: false, q: '', channelId: '', ownerId: '', cursor: null, openId: null };
    this.badge = el('span', { class: 'unread-badge', id: 'unread-total' });
    this.views = ['ALL', 'MINE'].map((view) => el('button', { type: 'button', 'data-view': view,
      class: view === 'ALL' ? 'active' : null, title: view === 'ALL' ? t.allTitle : t.mineTitle,
      onclick: () => this.setView(view) }, view === 'ALL' ? t.all : t.mine));
    const unread = el('input', { type: 'checkbox', id: 'unread-only',
      onchange: (e) => { this.state.unread = e.target.checked; this.load(true); } });
    const search = el('input', { type: 'search', id: 'conversation-search', placeholder: t.search, 'aria-label': t.search });
    let debounce;
    search.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => { this.state.q = search.value.trim(); this.load(true); }, 250);
    });
    this.numberFilter = el('select', { id: 'number-filter', 'aria-label': t.allNumbers,
      onchange: (e) => { this.state.channelId = e.target.value; this.load(true); } }, el('option', { value: '' }, t.allNumbers));
    const ownerFilter = el('select', { id: 'owner-filter', 'aria-label': t.anyOwner,
      onchange: (e) => { this.state.ownerId = e.target.value; this.load(true); } }, el('option', { value: '' }, t.anyOwner),
      users.filter((u) => u.level !== 'NONE').map((u) => el('option', { value: u.id }, u.name)));
    this.list = el('ul', { class: 'conversation-list', id: 'conversations' });
    this.more = el('button', { type: 'button', hidden: true, onclick: () => this.load(false) }, t.more);
    this.empty = el('p', { class: 'muted', hidden: true }, t.empty);
    this.notice = el('p', { class: 'muted live-notice', hidden: true }, t.reconnecting);
    const newChat = onNewChat ? el('button', { type: 'button', class: 'primary new-chat-button', id: 'new-chat-button',
      onclick: onNewChat }, t.newChat) : null;
    this.element = el('aside', {}, newChat, el('div', { class: 'views' }, ...this.views, this.badge),
      el('label', { class: 'inline' }, unread, ` ${t.unreadOnly}`), el('div', { class: 'filters' }, this.numberFilter, ownerFilter),
      search, this.notice, this.list, this.empty, this.more);
  }

  /** Offers the numbers chats arrive on, once they are known. */
  async loadNumbers() {
    const numbers = await this.api('/api/whatsapp/numbers');
    this.numberFilter.append(...numbers.map((n) => el('option', { value: n.id }, `${n.name} (${n.displayPhoneNumber})`)));
  }

  setView(view) {
    this.state.view = view;
    this.views.forEach((button) => button.classList.toggle('active', button.dataset.view === view));
    this.load(true);
  }

  async loadBadge() {
    const { count } = await this.api('/api/whatsapp/unread-count');
    this.badge.textContent = count > 0 ? `${count} ${this.t.unreadBadge}` : '';
    document.title = count > 0 ? `(${count}) ${this.title}` : this.title;
    if (count !== this.lastCount) {
      this.lastCount = count;
      // The host's tab badge (plugin-api UiContribution.MainTab.BADGE_CHANGED) reads the new count at once.
      this.badge.dispatchEvent(new CustomEvent('crm-tab-badge-changed', { bubbles: true, composed: true }));
    }
  }

  async load(reset) {
    const query = new URLSearchParams({ view: this.state.view, limit: '30' });
    if (this.state.unread) query.set('unread', 'true');
    if (this.state.q) query.set('q', this.state.q);
    if (this.state.channelId) query.set('channelId', this.state.channelId);
    if (this.state.ownerId) query.set('ownerId', this.state.ownerId);
    if (!reset && this.state.cursor) query.set('cursor', this.state.cursor);
    const page = await this.api(`/api/whatsapp/conversations?${query}`);
    if (reset) this.list.replaceChildren();
    for (const c of page.items) this.list.append(this.item(c));
    this.state.cursor = page.nextCursor;
    this.more.hidden = !page.nextCursor;
    this.empty.hidden = this.list.children.length > 0;
    this.empty.textContent = this.state.q ? this.t.noMatch : this.t.empty;
  }

  item(c) {
    const when = new Date(c.lastMessageAt).toLocaleString(this.lang);
    return el('li', { 'data-conversation-id': c.id, class: c.id === this.state.openId ? 'open' : null, onclick: () => this.onOpen(c.id) },
      el('div', { class: 'row' }, el('strong', { class: 'name' }, c.contactName),
        c.unreadCount > 0 ? el('span', { class: 'count' }, c.unreadCount) : null),
      el('div', { class: 'preview' }, c.lastMessagePreview),
      el('div', { class: 'muted small' }, [c.phoneDisplay, c.channelName, this.ownerName(c), when].filter(Boolean).join(' · ')));
  }

  ownerName(c) {
    const owner = this.users.find((u) => u.id === c.ownerId);
    return owner ? owner.name : this.t.unassigned;
  }

  /** Shows a conversation's new state in its row. */
  refreshItem(conversation) {
    const old = this.list.querySelector(`li[data-conversation-id="${conversation.id}"]`);
    if (old) old.replaceWith(this.item(conversation));
  }

  markOpen(id) {
    this.state.openId = id;
    this.list.querySelectorAll('li').forEach((li) => li.classList.toggle('open', Number(li.dataset.conversationId) === id));
  }

  /** Live updates stopped (true) or are back (false). */
  showReconnecting(reconnecting) {
    this.notice.hidden = !reconnecting;
  }
}
