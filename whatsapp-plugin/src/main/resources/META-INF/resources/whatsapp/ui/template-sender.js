import { el } from './dom.js';

/** Languages people of a country most often read, by the calling code of their number; English otherwise. */
const LANGUAGE_BY_CALLING_CODE = [['+81', 'ja'], ['+82', 'ko'], ['+86', 'zh'], ['+886', 'zh'], ['+852', 'zh'], ['+55', 'pt'],
  ['+351', 'pt'], ['+34', 'es'], ['+52', 'es'], ['+54', 'es'], ['+56', 'es'], ['+57', 'es'], ['+33', 'fr'], ['+49', 'de'],
  ['+39', 'it'], ['+62', 'id'], ['+66', 'th'], ['+84', 'vi'], ['+972', 'he'], ['+966', 'ar'], ['+971', 'ar'], ['+91', 'hi']];

function likelyLanguage(phone) {
  const match = LANGUAGE_BY_CALLING_CODE.filter(([code]) => (phone || '').startsWith(code))
    .sort((a, b) => b[0].length - a[0].length)[0];
  return match ? match[1] : 'en';
}

/**
 * Choosing an approved template, filled on the server for the customer: the preview as they will read it, a field
 * for each value the CRM does not have (a template is never sent with a gap), then Send. Templates in the
 * customer's likely language (from their number) come first.
 *
 * @param target  what the preview is filled for: {conversationId} or {contactId}
 * @param onSend  (templateId, params) => Promise, the send itself; its refusal is shown in place
 * @returns {Promise<HTMLElement>}
 */
export async function templateSender({ api, t, channelId, phone, target, onSend }) {
  const { items } = await api(`/api/whatsapp/templates?sendable=true&channelId=${channelId}`);
  const language = likelyLanguage(phone);
  const templates = [...items].sort((a, b) => Number(!b.language.startsWith(language)) - Number(!a.language.startsWith(language))
    || a.name.localeCompare(b.name));
  if (templates.length === 0) {
    return el('div', { class: 'template-sender', id: 'template-sender' }, el('p', { class: 'muted' }, t.noTemplates));
  }
  const choice = el('select', { id: 'template-choice', 'aria-label': t.chooseTemplate },
    el('option', { value: '' }, t.chooseTemplate),
    templates.map((template) => el('option', { value: template.id },
      `${template.name} · ${template.language} · ${t.templateCategories[template.category] || template.category}`)));
  const preview = el('div', { class: 'bubble-preview', id: 'template-send-preview', hidden: true });
  const values = el('div', { class: 'template-values', id: 'template-values' });
  const price = el('p', { class: 'small', id: 'template-price', hidden: true });
  const status = el('p', { class: 'muted small', role: 'status', id: 'template-send-status' });
  const send = el('button', { type: 'button', class: 'primary', id: 'send-template', disabled: true }, t.sendTemplate);
  const typed = {};
  let current = null;
  let refreshing = null;

  const refresh = async () => {
    if (!current) return;
    const filled = await api(`/api/whatsapp/templates/${current.id}/preview`, 'POST', { ...target, params: typed });
    preview.textContent = filled.text;
    preview.hidden = false;
    const missing = new Set(filled.missing);
    // A field stays once shown, so that what the agent typed does not vanish when it fills the gap.
    for (const key of missing) {
      if (!values.querySelector(`[data-key="${CSS.escape(key)}"]`)) {
        const parameter = current.parameters.find((p) => p.key === key);
        const input = el('input', { 'data-key': key, placeholder: parameter && parameter.example ? parameter.example : '' });
        input.addEventListener('input', () => {
          typed[key] = input.value;
          clearTimeout(refreshing);
          refreshing = setTimeout(refresh, 250);
        });
        values.append(el('label', {}, el('span', {}, parameter && parameter.field ? parameter.field : key), input));
      }
    }
    send.disabled = missing.size > 0;
    status.textContent = missing.size > 0 ? t.fillMissing : '';
  };

  choice.addEventListener('change', async () => {
    current = templates.find((template) => String(template.id) === choice.value) || null;
    values.replaceChildren();
    Object.keys(typed).forEach((key) => delete typed[key]);
    preview.hidden = !current;
    price.hidden = true;
    send.disabled = true;
    if (current) {
      await refresh().catch((failure) => { status.textContent = failure.message; });
      await showPrice(current.id).catch((failure) => { status.textContent = failure.message; });
    }
  });

  /** What sending the template costs, before the agent sends it, and what to do when the balance is short. */
  const showPrice = async (templateId) => {
    const where = target.conversationId ? `conversationId=${target.conversationId}` : `to=${encodeURIComponent(phone || '')}`;
    const quote = await api(`/api/whatsapp/credits/quote?${where}&templateId=${templateId}`);
    const words = t.price[quote.kind];
    price.textContent = typeof words === 'function'
      ? words(Number(quote.credits), t.price.categories[quote.category] || quote.category) : words;
    if (!quote.affordable) price.append(' ', el('strong', { class: 'error' }, t.price.short));
    price.hidden = false;
  };
  send.addEventListener('click', async () => {
    send.disabled = true;
    status.textContent = t.sending;
    try {
      await onSend(current.id, typed);
      // Sent: the chooser starts again, so that the same template is not sent twice by a second click.
      choice.value = '';
      current = null;
      preview.hidden = true;
      values.replaceChildren();
      status.textContent = '';
    } catch (failure) {
      status.textContent = failure.message;
      send.disabled = false;
    }
  });
  return el('div', { class: 'template-sender', id: 'template-sender' }, choice, preview, values, price,
    el('div', {}, send, ' ', status));
}
