// The WhatsApp plugin's screens, as custom elements the host places. Each screen states plainly what it
// will offer and that it is not available in this version yet; none shows invented data.
const SCREENS = {
  'whatsapp-credits-settings': {
    en: ['Credits', 'Buying credits for business-initiated conversations is not available yet.'],
    ja: ['クレジット', 'ビジネス起点の会話のためのクレジット購入はまだ利用できません。'],
  },
};

class NotYetAvailableScreen extends HTMLElement {
  connectedCallback() {
    const texts = SCREENS[this.localName][this.getAttribute('lang') === 'ja' ? 'ja' : 'en'];
    const heading = document.createElement('h2');
    heading.textContent = texts[0];
    const message = document.createElement('p');
    message.className = 'not-available';
    message.textContent = texts[1];
    this.replaceChildren(heading, message);
  }
}

for (const name of Object.keys(SCREENS)) {
  if (!customElements.get(name)) {
    customElements.define(name, class extends NotYetAvailableScreen {});
  }
}
