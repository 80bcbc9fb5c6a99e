// The shell's texts in English and Japanese. The language is the user's choice (cookie crm-lang),
// else the browser's.
const TEXTS = {
  en: {
    'login.title': 'Log in to your CRM',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.error.credentials': 'The username or password is wrong. Check them and try again.',
    'login.error.expired': 'The login page expired. Enter your username and password again.',
    'nav.contacts': 'Contacts',
    'nav.companies': 'Companies',
    'nav.pipelines': 'Pipelines',
    'nav.settings': 'Settings',
    'nav.logout': 'Log out',
    'list.search': 'Search',
    'list.more': 'Load more',
    'list.empty': 'Nothing here yet.',
    'list.new': 'New',
    'contact.firstName': 'First name',
    'contact.lastName': 'Last name',
    'contact.phone': 'Phone',
    'contact.email': 'Email',
    'contact.name': 'Name',
    'pipeline.name': 'Name',
    'pipeline.stage': 'Stage',
    'pipeline.amount': 'Amount',
    'company.name': 'Name',
    'record.notes': 'Notes',
    'record.addNote': 'Add note',
    'record.back': 'Back to the list',
    'form.save': 'Save',
    'form.cancel': 'Cancel',
    'form.saving': 'Saving…',
    'form.saved': 'Saved.',
    'users.title': 'Users',
    'payments.title': 'Payments', 'payments.processor': 'Payment processor',
    'payments.fake': 'Fake payment processor, for trying the CRM: it takes every payment and no money moves.',
    'payments.declineAll': 'Decline every payment (to try what a declined card does)', 'payments.taken': 'Payments',
    'payments.none': 'No payments yet.', 'payments.when': 'When', 'payments.what': 'For', 'payments.amount': 'Amount',
    'payments.outcome': 'Outcome', 'payments.paid': 'Paid', 'payments.declined': 'Declined',
    'users.name': 'Name',
    'users.username': 'Username',
    'users.password': 'Password',
    'users.profile': 'Profile',
    'users.state': 'Can log in',
    'users.active': 'Yes',
    'users.inactive': 'No (deactivated)',
    'users.deactivate': 'Deactivate',
    'users.activate': 'Reactivate',
    'users.add': 'Add user',
    'users.you': 'You',
    'settings.organisation': 'Organisation',
    'settings.title': 'Settings',
    'settings.none': 'No settings screens are available to you.',
    'loading': 'Loading…',
    'error.generic': 'Something went wrong. Try again; if it persists, tell your administrator.',
    'error.session': 'Your session has ended. Log in again.',
    'plugin.failed': 'This screen could not be loaded. Reload the page; if it persists, tell your administrator.',
  },
  ja: {
    'login.title': 'CRM にログイン',
    'login.username': 'ユーザー名',
    'login.password': 'パスワード',
    'login.submit': 'ログイン',
    'login.error.credentials': 'ユーザー名またはパスワードが正しくありません。確認してもう一度お試しください。',
    'login.error.expired': 'ログインページの有効期限が切れました。もう一度ユーザー名とパスワードを入力してください。',
    'nav.contacts': '連絡先',
    'nav.companies': '会社',
    'nav.pipelines': 'パイプライン',
    'nav.settings': '設定',
    'nav.logout': 'ログアウト',
    'list.search': '検索',
    'list.more': 'さらに読み込む',
    'list.empty': 'まだ何もありません。',
    'list.new': '新規',
    'contact.firstName': '名',
    'contact.lastName': '姓',
    'contact.phone': '電話番号',
    'contact.email': 'メール',
    'contact.name': '名前',
    'pipeline.name': '名前',
    'pipeline.stage': 'ステージ',
    'pipeline.amount': '金額',
    'company.name': '名前',
    'record.notes': 'メモ',
    'record.addNote': 'メモを追加',
    'record.back': '一覧に戻る',
    'form.save': '保存',
    'form.cancel': 'キャンセル',
    'form.saving': '保存中…',
    'form.saved': '保存しました。',
    'users.title': 'ユーザー',
    'payments.title': '支払い', 'payments.processor': '支払い処理',
    'payments.fake': '試用のためのテスト用支払い処理です。すべての支払いを受け付け、実際のお金は動きません。',
    'payments.declineAll': 'すべての支払いを拒否する (カードが拒否された場合を試すため)', 'payments.taken': '支払い',
    'payments.none': '支払いはまだありません。', 'payments.when': '日時', 'payments.what': '内容', 'payments.amount': '金額',
    'payments.outcome': '結果', 'payments.paid': '支払い済み', 'payments.declined': '拒否',
    'users.name': '名前',
    'users.username': 'ユーザー名',
    'users.password': 'パスワード',
    'users.profile': 'プロファイル',
    'users.state': 'ログイン',
    'users.active': '可',
    'users.inactive': '不可（無効）',
    'users.deactivate': '無効にする',
    'users.activate': '有効に戻す',
    'users.add': 'ユーザーを追加',
    'users.you': 'あなた',
    'profile.Administrator': '管理者',
    'profile.Standard': '標準',
    'stage.Qualification': '見込み評価',
    'stage.Needs analysis': 'ニーズ分析',
    'stage.Proposal': '提案',
    'stage.Negotiation': '交渉',
    'stage.Closed won': '受注',
    'stage.Closed lost': '失注',
    'settings.organisation': '組織',
    'settings.title': '設定',
    'settings.none': '利用できる設定画面はありません。',
    'loading': '読み込み中…',
    'error.generic': '問題が発生しました。もう一度お試しください。続く場合は管理者に連絡してください。',
    'error.session': 'セッションが終了しました。もう一度ログインしてください。',
    'plugin.failed': 'この画面を読み込めませんでした。ページを再読み込みしてください。続く場合は管理者に連絡してください。',
  },
};

export function currentLanguage() {
  const chosen = document.cookie.split('; ').find((c) => c.startsWith('crm-lang='));
  if (chosen) return chosen.split('=')[1] === 'ja' ? 'ja' : 'en';
  return (navigator.language || 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * The name of something every organisation starts with (a profile, a pipeline stage) in the user's language, found
 * under `${kind}.${name}`; what an organisation named itself is shown as it was named.
 */
export function builtInName(kind, name) {
  const key = `${kind}.${name}`;
  const translated = t(key);
  return translated === key ? name : translated;
}

/** A person's name in the order readers of the UI language expect: the family (last) name first in Japanese. */
export function personName(first, last) {
  const ordered = currentLanguage() === 'ja' ? [last, first] : [first, last];
  return ordered.filter((part) => part).join(' ');
}

/** An amount in the organisation's currency (ISO 4217 code), or as a plain number when it has none. */
export function money(amount, currency) {
  const style = currency ? { style: 'currency', currency } : {};
  return new Intl.NumberFormat(currentLanguage(), style).format(amount);
}

export function chooseLanguage(lang) {
  document.cookie = `crm-lang=${lang === 'ja' ? 'ja' : 'en'}; path=/; max-age=31536000; SameSite=Lax`;
}

export function t(key) {
  const lang = currentLanguage();
  return (TEXTS[lang] && TEXTS[lang][key]) || TEXTS.en[key] || key;
}

/** Fills every element with a data-i18n attribute under root with its text (as text, never HTML). */
export function translate(root = document) {
  document.documentElement.lang = currentLanguage();
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}
