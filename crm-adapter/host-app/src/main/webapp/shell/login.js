import { chooseLanguage, t, translate } from './i18n.js';

translate();
const error = document.getElementById('error');
const kind = error.dataset.error;
if (kind) {
  error.textContent = t(`login.error.${kind}`);
  error.hidden = false;
}
document.querySelectorAll('[data-lang]').forEach((link) => link.addEventListener('click', (event) => {
  event.preventDefault();
  chooseLanguage(link.dataset.lang);
  translate();
  if (kind) error.textContent = t(`login.error.${kind}`);
}));
