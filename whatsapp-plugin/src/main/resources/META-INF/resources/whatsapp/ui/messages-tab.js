import { apiClient, el } from './dom.js';
import { TEXT } from './messages-text.js';
import { ConversationList } from './conversation-list.js';
import { ThreadView } from './thread-view.js';
import { newChatPanel } from './new-chat.js';
import { RelatedPanel } from './related-panel.js';

// The Messages tab: WhatsApp conversations beside the CRM. The list (conversation-list.js) and the open thread
// with its composer (thread-view.js, composer.js), kept current by live updates over server-sent events.
class MessagesTab extends HTMLElement {
  async connectedCallback() {
    this.lang = this.getAttribute('lang') === 'ja' ? 'ja' : 'en';
    this.t = TEXT[this.lang];
    this.api = apiClient(() => this.csrf);
    try {
      this.csrf = (await this.api('/api/crm/session')).csrfToken;
      const users = await this.api('/api/whatsapp/users');
      const mayReply = (await this.api('/api/whatsapp/me')).level === 'VIEW_AND_REPLY';
      this.list = new ConversationList({ api: this.api, t: this.t, lang: this.lang, users, onOpen: (id) => this.open(id),
        onNewChat: mayReply ? () => this.startNewChat() : null });
      this.related = new RelatedPanel({ api: this.api, t: this.t, lang: this.lang, mayReply });
      this.thread = new ThreadView({ api: this.api, t: this.t, lang: this.lang, users, mayReply, csrf: this.csrf, list: this.list,
        onNote: (messageId) => this.related.noteFromMessage(messageId) });
      this.layout = el('div', { class: 'messages-layout' }, this.list.element, this.thread.element, this.related.element);
      this.replaceChildren(el('link', { rel: 'stylesheet', href: new URL('./messages-tab.css', import.meta.url).pathname }),
        this.layout);
      this.fitToWindow = () => this.fit();
      window.addEventListener('resize', this.fitToWindow);
      this.fit();
      await Promise.all([this.list.load(true), this.list.loadBadge(), this.list.loadNumbers()]);
      const requested = Number(new URLSearchParams(window.location.search).get('conversation'));
      if (requested) await this.open(requested);
      this.listen();
      this.refresher = setInterval(() => { this.list.load(true); this.list.loadBadge(); this.related.refreshWhenIdle(); }, 30000);
      // Records change on the CRM's own pages too: the panel is read afresh when the agent comes back to this tab.
      this.onVisible = () => document.visibilityState === 'visible' && this.related.refreshWhenIdle();
      document.addEventListener('visibilitychange', this.onVisible);
    } catch (error) {
      this.replaceChildren(el('p', { class: 'error' }, error.status === 403 ? this.t.noAccess : error.message));
    }
  }

  disconnectedCallback() {
    window.removeEventListener('resize', this.fitToWindow);
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.list) document.title = this.list.title;
    if (this.events) this.events.close();
    clearInterval(this.refresher);
    if (this.thread) this.thread.stop();
  }

  /**
   * The list and the thread end at the window's bottom edge, wherever the host placed the tab, so that the
   * composer and Send stay in sight on a laptop screen and only the messages scroll.
   */
  fit() {
    const top = this.layout.getBoundingClientRect().top + window.scrollY;
    this.layout.style.setProperty('--fitted-height', `${Math.max(window.innerHeight - top - 16, 420)}px`);
  }

  /** The thread's place shows the new-chat panel; once the template is queued, the new chat opens. */
  async startNewChat() {
    this.thread.element.replaceChildren(await newChatPanel({ api: this.api, t: this.t, onStarted: async (id) => {
      await this.list.load(true);
      await this.open(id);
    } }));
  }

  async open(id) {
    this.list.markOpen(id);
    await Promise.all([this.thread.open(id), this.related.show(id)]);
  }

  /** Refreshes the list, the badge and the open thread shortly after changes, once for a burst of them. */
  listen() {
    this.events = new EventSource('/api/whatsapp/events');
    const refresh = (event) => {
      const data = JSON.parse(event.data);
      clearTimeout(this.pending);
      this.pending = setTimeout(async () => {
        await Promise.all([this.list.load(true), this.list.loadBadge(), this.list.loadNumbers()]);
        await this.thread.refresh(data.conversationId);
      }, 150);
    };
    for (const kind of ['message', 'status', 'conversation']) this.events.addEventListener(kind, refresh);
    this.events.addEventListener('records', (event) => {
      if (Number(JSON.parse(event.data).conversationId) === Number(this.related.conversationId)) this.related.refreshWhenIdle();
    });
    this.events.addEventListener('ready', () => this.list.showReconnecting(false));
    this.events.onerror = () => this.list.showReconnecting(true);
  }
}

if (!customElements.get('whatsapp-messages-tab')) customElements.define('whatsapp-messages-tab', MessagesTab);
