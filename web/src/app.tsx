import { useEffect, useState } from 'react';
import { api, session, Session } from './api';
import { Lang, MessageKey, messages } from './i18n';
import { formatWhen, UiContext } from './ui';
import { LoginPage } from './pages/login-page';
import { resolve } from './routes';
import { navFor, roleKey } from './nav';

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** Addresses that name no page: a logged-in user goes to their role's first page. */
const HOME = new Set(['', '#', '#/', '#/login']);

export function App() {
  const [lang, setLang] = useState<Lang>((localStorage.getItem('qa.lang') as Lang) || 'zh');
  const [user, setUser] = useState<Session | null>(session.get());
  const hash = useHash();
  const t = (k: MessageKey) => messages[lang][k];
  // The tenant's zone (the platform admin, in none, keeps the browser's).
  const timeZone = user?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = (iso: string) => formatWhen(iso, lang, timeZone);
  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('qa.lang', next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLang(next);
  };
  // Tabs share the session: logging out (or a refused renewal) in one logs out all.
  useEffect(
    () =>
      session.onChange((s) =>
        setUser((current) => (s && current?.username === s.username ? current : s)),
      ),
    [],
  );
  const logout = () => {
    void api.logout();
    setUser(null);
    location.hash = '#/login';
  };
  const nav = user ? navFor(user.role) : [];
  const allowed = (href: string) => nav.some((l) => l.href === href);
  const home = nav[0]?.href;
  useEffect(() => {
    if (home && HOME.has(hash)) location.replace(home);
  }, [home, hash]);
  let page;
  if (!user)
    page = (
      <LoginPage
        onLogin={(s) => {
          // A deep link opened before logging in is where the user wanted to go.
          if (HOME.has(location.hash)) location.hash = navFor(s.role)[0].href;
          setUser(s);
        }}
      />
    );
  else if (HOME.has(hash)) page = null;
  else {
    const found = resolve(hash, user, allowed);
    page =
      found.kind === 'page' ? (
        found.node
      ) : (
        <section className="status-page" data-testid={found.kind}>
          <h1>{t(found.kind === 'not-found' ? 'notFound' : 'notAllowed')}</h1>
          <p>{t(found.kind === 'not-found' ? 'notFoundHint' : 'notAllowedHint')}</p>
          <a href={home}>{t('goHome')}</a>
        </section>
      );
  }
  return (
    <UiContext.Provider value={{ lang, t, timeZone, when }}>
      <header className="top">
        <strong>{t('title')}</strong>
        {user && (
          <nav>
            {nav.map((l) => (
              <a key={l.href} href={l.href} className={hash.startsWith(l.href) ? 'active' : ''}>
                {t(l.label)}
              </a>
            ))}
          </nav>
        )}
        <span className="spacer" />
        {user && (
          <span className="who" data-testid="who">
            {user.username} · {t(roleKey(user.role))}
          </span>
        )}
        <button type="button" onClick={switchLang} data-testid="lang">
          {lang === 'zh' ? 'English' : '中文'}
        </button>
        {user && (
          <button type="button" onClick={logout} data-testid="logout">
            {t('logout')}
          </button>
        )}
      </header>
      <main>{page}</main>
    </UiContext.Provider>
  );
}
