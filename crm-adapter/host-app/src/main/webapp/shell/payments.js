import { api, ApiError } from './api.js';
import { clear, el } from './dom.js';
import { t } from './i18n.js';

/**
 * Settings > Payments, for administrators: the payments plugins took (credits, for example) and the processor that
 * takes them. The reference CRM's processor is a fake, named as such: no money moves, and it can be told to decline
 * every payment to try what a declined card does.
 */
export async function paymentsPage(view) {
  const [processor, payments] = await Promise.all([api('/api/crm/payments/processor'), api('/api/crm/payments')]);
  const status = el('p', { role: 'status', 'aria-live': 'polite', id: 'payments-status' });
  const declines = el('input', { type: 'checkbox', id: 'decline-every-payment' });
  declines.checked = processor.declinesEveryPayment;
  declines.addEventListener('change', async () => {
    status.textContent = t('form.saving');
    try {
      await api('/api/crm/payments/processor', { method: 'PUT', body: { declinesEveryPayment: declines.checked } });
      status.textContent = t('form.saved');
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : t('error.generic');
    }
  });
  clear(view).append(
    el('div', { class: 'toolbar' }, el('h1', {}, `${t('settings.title')} › ${t('payments.title')}`)),
    el('h2', {}, t('payments.processor')),
    el('p', { class: 'muted' }, t('payments.fake')),
    el('label', {}, declines, ' ', t('payments.declineAll')), status,
    el('h2', {}, t('payments.taken')),
    payments.length === 0 ? el('p', { class: 'muted' }, t('payments.none')) : el('table', { class: 'records', id: 'payments' },
      el('thead', {}, el('tr', {}, [t('payments.when'), t('payments.what'), t('payments.amount'), t('payments.outcome')]
        .map((h) => el('th', {}, h)))),
      el('tbody', {}, payments.map((p) => el('tr', {}, el('td', {}, new Date(p.createdAt).toLocaleString()),
        el('td', {}, p.description), el('td', {}, `${Number(p.amount).toFixed(2)} ${p.currency}`),
        el('td', {}, p.paid ? t('payments.paid') : t('payments.declined')))))));
}
