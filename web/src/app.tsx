import { createContext, useContext, useEffect, useState } from 'react';
import { session, Session } from './api';
import { Lang, MessageKey, messages } from './i18n';
import { EvaluationPage } from './pages/evaluation-page';
import { EvaluationsPage } from './pages/evaluations-page';
import { LoginPage } from './pages/login-page';

interface Ui {
  lang: Lang;
  t: (k: MessageKey) => string;
}

export const UiContext = createContext<Ui>({ lang: 'zh', t: (k) => messages.zh[k] });
export const useUi = () => useContext(UiContext);

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const [lang, setLang] = useState<Lang>((localStorage.getItem('qa.lang') as Lang) || 'zh');
  const [user, setUser] = useState<Session | null>(session.get());
  const hash = useHash();
  const t = (k: MessageKey) => messages[lang][k];
  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('qa.lang', next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLang(next);
  };
  const logout = () => {
    session.set(null);
    setUser(null);
    location.hash = '#/login';
  };
  const evaluation = /^#\/evaluations\/([\w-]+)$/.exec(hash)?.[1];
  let page;
  if (!user || hash === '#/login')
    page = <LoginPage onLogin={(s) => ((location.hash = '#/evaluations'), setUser(s))} />;
  else if (evaluation) page = <EvaluationPage id={evaluation} />;
  else page = <EvaluationsPage user={user} />;
  return (
    <UiContext.Provider value={{ lang, t }}>
      <header className="top">
        <strong>{t('title')}</strong>
        {user && (
          <nav>
            <a href="#/evaluations">
              {user.role === 'agent' ? t('myEvaluations') : t('evaluations')}
            </a>
          </nav>
        )}
        <span className="spacer" />
        {user && (
          <span className="who" data-testid="who">
            {user.username} · {t('role')}: {user.role}
          </span>
        )}
        <button type="button" onClick={switchLang} data-testid="lang">
          {lang === 'zh' ? 'English' : '中文'}
        </button>
        {user && (
          <button type="button" onClick={logout}>
            {t('logout')}
          </button>
        )}
      </header>
      <main>{page}</main>
    </UiContext.Provider>
  );
}
