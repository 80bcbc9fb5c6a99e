import { el, startScreen } from './dom.js';
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

// Settings > Messages > Credits (administrators): the balance, the month's free conversations, buying credits,
// auto-recharge, purchases (declined ones retried here), the monthly usage chart and the ledger with its CSV export.
const CATEGORY_COLOURS = { MARKETING: '#8250df', UTILITY: '#1f6feb', SERVICE: '#1a7f37' };
const TEXT = {
  en: {
    title: 'Credits', balance: 'Balance', credits: (n) => `${n} ${Number(n) === 1 ? 'credit' : 'credits'}`,
    freeLeft: (left, of) => `${left} of ${of} free conversations left this month`,
    prices: (usd, m, u, s, model) => `1 credit = US$${usd}. A paid conversation costs ${m} (marketing), ${u} (utility);`
      + ` answering a customer beyond the free conversations costs ${s}. Pricing: ${model === 'PER_MESSAGE'
        ? 'per delivered template, as Meta charges' : 'per 24-hour conversation'}.`,
    buyTitle: 'Buy credits', buy: 'Buy', buying: 'Paying…', bought: (n) => `${n} credits bought.`, costs: (usd) => `US$${usd}`,
    pending: 'The payment has not been confirmed yet: the purchase is retried automatically.',
    autoTitle: 'Auto-recharge', autoEnabled: 'Buy credits automatically when the balance is low', threshold: 'When the balance falls to',
    amount: 'buy', cap: 'At most this many credits a month (empty: no limit)', save: 'Save', saved: 'Saved.',
    purchasesTitle: 'Purchases', when: 'When', trigger: 'How', state: 'State', reason: 'Reason', retry: 'Retry', none: 'None yet.',
    triggers: { MANUAL: 'Bought', AUTO: 'Auto-recharge' }, states: { PAID: 'Paid', DECLINED: 'Declined', PENDING: 'Waiting' },
    usageTitle: 'Credits used per month', noUsage: 'No credits used yet.',
    ledgerTitle: 'Ledger', from: 'From', to: 'To', kind: 'Kind', allKinds: 'All', filter: 'Show', exportCsv: 'Export CSV',
    more: 'Show more', change: 'Change', after: 'Balance', category: 'Category', meta: 'Meta billed',
    kinds: { PURCHASE: 'Purchase', AUTO_RECHARGE: 'Auto-recharge', RESERVATION: 'Reserved', CHARGE: 'Charged', RELEASE: 'Released',
      REFUND: 'Refund' },
    categories: { MARKETING: 'Marketing', UTILITY: 'Utility', SERVICE: 'Service' },
  },
  ja: {
    title: 'クレジット', balance: '残高', credits: (n) => `${n} クレジット`,
    freeLeft: (left, of) => `今月の無料会話: 残り ${left} / ${of}`,
    prices: (usd, m, u, s, model) => `1 クレジット = ${usd} 米ドル。有料の会話は ${m} (マーケティング)、${u} (ユーティリティ)。`
      + `無料会話を超えてお客様に返信すると ${s}。料金体系: ${model === 'PER_MESSAGE' ? 'Meta と同じく配信されたテンプレートごと' : '24 時間の会話ごと'}。`,
    buyTitle: 'クレジットを購入', buy: '購入', buying: '支払い中…', bought: (n) => `${n} クレジットを購入しました。`, costs: (usd) => `${usd} 米ドル`,
    pending: '支払いはまだ確認されていません。購入は自動で再試行されます。',
    autoTitle: '自動チャージ', autoEnabled: '残高が少なくなったら自動でクレジットを購入する', threshold: '残高がこの値以下になったら',
    amount: '購入する量', cap: '1 か月の上限 (空欄: 上限なし)', save: '保存', saved: '保存しました。',
    purchasesTitle: '購入履歴', when: '日時', trigger: '方法', state: '状態', reason: '理由', retry: '再試行', none: 'まだありません。',
    triggers: { MANUAL: '購入', AUTO: '自動チャージ' }, states: { PAID: '支払い済み', DECLINED: '拒否', PENDING: '確認待ち' },
    usageTitle: '月ごとの使用クレジット', noUsage: 'まだクレジットは使われていません。',
    ledgerTitle: '取引履歴', from: '開始日', to: '終了日', kind: '種類', allKinds: 'すべて', filter: '表示', exportCsv: 'CSV を書き出す',
    more: 'さらに表示', change: '増減', after: '残高', category: 'カテゴリ', meta: 'Meta の請求',
    kinds: { PURCHASE: '購入', AUTO_RECHARGE: '自動チャージ', RESERVATION: '確保', CHARGE: '請求', RELEASE: '返却', REFUND: '返金' },
    categories: { MARKETING: 'マーケティング', UTILITY: 'ユーティリティ', SERVICE: 'サービス' },
  },
};

class CreditsSettings extends HTMLElement {
  connectedCallback() {
    return startScreen(this, TEXT, () => this.render());
  }

  disconnectedCallback() {
    if (this.chart) this.chart.destroy();
  }

  async render(message = '') {
    const t = this.t;
    const credits = await this.api('/api/whatsapp/credits');
    this.status = el('p', { role: 'status', 'aria-live': 'polite', id: 'credits-status' }, message);
    this.ledgerHolder = el('div', { id: 'ledger' });
    this.usageHolder = el('div', { id: 'usage-chart' });
    this.replaceChildren(
      el('link', { rel: 'stylesheet', href: '/webjars/uplot/1.6.30/dist/uPlot.min.css' }),
      el('link', { rel: 'stylesheet', href: new URL('./credits-settings.css', import.meta.url).pathname }),
      el('h2', {}, t.title),
      el('div', { class: 'credit-cards' },
        el('div', { class: 'credit-card' }, el('div', { class: 'muted small' }, t.balance),
          el('div', { class: 'credit-balance', id: 'credit-balance' }, t.credits(plain(credits.balance)))),
        el('div', { class: 'credit-card' }, el('div', { id: 'free-conversations' },
          t.freeLeft(credits.freeConversationsLeftThisMonth, credits.freeConversationsPerMonth)))),
      el('p', { class: 'muted small' }, t.prices(plain(credits.usdPerCredit), plain(credits.prices.MARKETING),
        plain(credits.prices.UTILITY), plain(credits.prices.SERVICE), credits.pricingModel)),
      this.status,
      this.buyForm(credits), this.autoRechargeForm(credits.autoRecharge), this.purchases(credits.purchases),
      el('h3', {}, t.usageTitle), this.usageHolder,
      el('h3', {}, t.ledgerTitle), this.ledgerFilters(), this.ledgerHolder);
    await Promise.all([this.showUsage(), this.showLedger(false)]);
  }

  buyForm(credits) {
    const t = this.t;
    const amount = el('input', { type: 'number', name: 'credits', min: 1, step: 1, value: 10, id: 'buy-credits' });
    const cost = el('span', { class: 'muted' });
    const showCost = () => { cost.textContent = t.costs((Number(amount.value || 0) * Number(credits.usdPerCredit)).toFixed(2)); };
    amount.addEventListener('input', showCost);
    showCost();
    const button = el('button', { type: 'submit', class: 'primary', id: 'buy' }, t.buy);
    const form = el('form', { class: 'credit-form', id: 'buy-form' }, el('h3', {}, t.buyTitle), amount, ' ', cost, ' ', button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      button.textContent = t.buying;
      try {
        const purchase = await this.api('/api/whatsapp/credits/purchases', 'POST', { credits: Number(amount.value) });
        await this.render(purchase.state === 'PAID' ? t.bought(plain(purchase.credits)) : t.pending);
      } catch (failure) {
        await this.render();
        this.status.textContent = failure.message;
        this.status.className = 'error';
      }
    });
    return form;
  }

  autoRechargeForm(settings) {
    const t = this.t;
    const enabled = el('input', { type: 'checkbox', id: 'auto-recharge-enabled', checked: settings.enabled });
    const threshold = el('input', { type: 'number', min: 0, step: 1, id: 'auto-recharge-threshold', value: plain(settings.threshold) });
    const amount = el('input', { type: 'number', min: 1, step: 1, id: 'auto-recharge-amount',
      value: settings.amount > 0 ? plain(settings.amount) : 10 });
    const cap = el('input', { type: 'number', min: 1, step: 1, id: 'auto-recharge-cap', value: settings.monthlyCap == null ? '' : plain(settings.monthlyCap) });
    const form = el('form', { class: 'credit-form', id: 'auto-recharge' }, el('h3', {}, t.autoTitle),
      el('label', {}, enabled, ' ', t.autoEnabled),
      el('div', {}, el('label', {}, t.threshold, ' ', threshold), ' ', el('label', {}, t.amount, ' ', amount)),
      el('label', {}, t.cap, ' ', cap), el('button', { type: 'submit' }, t.save));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await this.api('/api/whatsapp/credits/auto-recharge', 'PUT', { enabled: enabled.checked, threshold: Number(threshold.value || 0),
          amount: Number(amount.value || 0), monthlyCap: cap.value === '' ? null : Number(cap.value) });
        await this.render(t.saved);
      } catch (failure) {
        this.status.textContent = failure.message;
        this.status.className = 'error';
      }
    });
    return form;
  }

  purchases(list) {
    const t = this.t;
    if (list.length === 0) return el('div', {}, el('h3', {}, t.purchasesTitle), el('p', { class: 'muted' }, t.none));
    return el('div', {}, el('h3', {}, t.purchasesTitle), el('table', { class: 'records', id: 'purchases' },
      el('thead', {}, el('tr', {}, [t.when, t.trigger, t.title, '', t.state, t.reason, ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, list.map((p) => el('tr', { 'data-purchase-id': p.id, 'data-state': p.state },
        el('td', {}, new Date(p.createdAt).toLocaleString(this.language)), el('td', {}, t.triggers[p.trigger]),
        el('td', {}, t.credits(plain(p.credits))), el('td', { class: 'muted' }, t.costs(Number(p.amountUsd).toFixed(2))),
        el('td', {}, t.states[p.state]), el('td', { class: 'small' }, p.declineReason || ''),
        el('td', {}, p.state === 'DECLINED' ? el('button', { type: 'button', class: 'retry-purchase', onclick: async () => {
          try {
            await this.api(`/api/whatsapp/credits/purchases/${p.id}/retry`, 'POST', {});
            await this.render(t.bought(plain(p.credits)));
          } catch (failure) {
            this.status.textContent = failure.message;
            this.status.className = 'error';
          }
        } }, t.retry) : ''))))));
  }

  /** Credits charged per month and category, one line each, drawn by uPlot. */
  async showUsage() {
    const t = this.t;
    const usage = await this.api('/api/whatsapp/credits/usage?months=12');
    if (usage.length === 0) {
      this.usageHolder.replaceChildren(el('p', { class: 'muted' }, t.noUsage));
      return;
    }
    const months = [...new Set(usage.map((u) => u.month))].sort();
    const categories = Object.keys(CATEGORY_COLOURS).filter((c) => usage.some((u) => u.category === c));
    const data = [months.map((m) => Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1) / 1000),
      ...categories.map((c) => months.map((m) => Number((usage.find((u) => u.month === m && u.category === c) || { credits: 0 }).credits)))];
    if (this.chart) this.chart.destroy();
    this.usageHolder.replaceChildren();
    this.chart = new uPlot({
      width: Math.min(720, Math.max(320, this.clientWidth - 16)), height: 240, tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'UTC'),
      series: [{}, ...categories.map((c) => ({ label: t.categories[c], stroke: CATEGORY_COLOURS[c], width: 2, points: { size: 7 } }))],
      axes: [{ values: (u, ticks) => ticks.map((ts) => new Date(ts * 1e3).toLocaleDateString(this.language, { year: 'numeric', month: 'short', timeZone: 'UTC' })) },
        { label: t.title }],
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.2)] } },
    }, data, this.usageHolder);
    this.usageHolder.append(el('table', { class: 'visually-hidden', id: 'usage-table' }, el('tbody', {},
      usage.map((u) => el('tr', {}, el('td', {}, u.month), el('td', {}, t.categories[u.category]), el('td', {}, plain(u.credits)))))));
  }

  ledgerFilters() {
    const t = this.t;
    this.from = el('input', { type: 'date', id: 'ledger-from' });
    this.to = el('input', { type: 'date', id: 'ledger-to' });
    this.kind = el('select', { id: 'ledger-kind' }, el('option', { value: '' }, t.allKinds),
      Object.entries(t.kinds).map(([kind, label]) => el('option', { value: kind }, label)));
    const form = el('form', { class: 'toolbar-row', id: 'ledger-filters' },
      el('label', {}, t.from, ' ', this.from), el('label', {}, t.to, ' ', this.to), el('label', {}, t.kind, ' ', this.kind),
      el('button', { type: 'submit' }, t.filter),
      el('button', { type: 'button', id: 'export-csv', onclick: () => this.exportCsv() }, t.exportCsv));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.showLedger(false).catch((failure) => { this.status.textContent = failure.message; });
    });
    return form;
  }

  filterQuery() {
    const query = new URLSearchParams();
    if (this.from.value) query.set('from', this.from.value);
    if (this.to.value) query.set('to', this.to.value);
    if (this.kind.value) query.set('kind', this.kind.value);
    return query;
  }

  async showLedger(more) {
    const t = this.t;
    const query = this.filterQuery();
    if (more && this.cursor) query.set('cursor', this.cursor);
    const page = await this.api(`/api/whatsapp/credits/ledger?${query}`);
    this.cursor = page.nextCursor;
    const rows = page.items.map((line) => el('tr', { 'data-kind': line.kind },
      el('td', {}, new Date(line.createdAt).toLocaleString(this.language)), el('td', {}, t.kinds[line.kind] || line.kind),
      el('td', { class: 'number' }, signed(line.balanceChange)), el('td', { class: 'number' }, plain(line.balanceAfter)),
      el('td', {}, line.category ? t.categories[line.category] : ''),
      el('td', { class: 'muted small' }, line.metaCategory ? `${line.metaCategory} · ${line.metaType || ''}` : '')));
    if (!more) {
      this.ledgerTable = el('tbody', {});
      this.ledgerHolder.replaceChildren(el('table', { class: 'records', id: 'ledger-table' },
        el('thead', {}, el('tr', {}, [t.when, t.kind, t.change, t.after, t.category, t.meta].map((h) => el('th', {}, h)))),
        this.ledgerTable));
    }
    this.ledgerTable.append(...rows);
    const button = this.ledgerHolder.querySelector('#ledger-more');
    if (button) button.remove();
    if (this.cursor) {
      this.ledgerHolder.append(el('button', { type: 'button', id: 'ledger-more', onclick: () => this.showLedger(true) }, t.more));
    }
  }

  /** The ledger as the filters select it, saved as a CSV file. */
  async exportCsv() {
    const response = await fetch(`/api/whatsapp/credits/ledger?${this.filterQuery()}`, { headers: { Accept: 'text/csv' },
      credentials: 'same-origin' });
    if (!response.ok) {
      this.status.textContent = response.statusText;
      return;
    }
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: 'whatsapp-credits.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(link.href);
  }
}

/** Credits as people read them: no trailing zeros. */
function plain(value) {
  return String(Number(value));
}

function signed(value) {
  const number = Number(value);
  return number > 0 ? `+${number}` : String(number);
}

if (!customElements.get('whatsapp-credits-settings')) customElements.define('whatsapp-credits-settings', CreditsSettings);
