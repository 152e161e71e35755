import { useEffect, useState } from 'react';
import { api, session, Session } from './api';
import { Lang, MessageKey, messages } from './i18n';
import { UiContext } from './ui';
import { EvaluationPage } from './pages/evaluation-page';
import { EvaluationsPage } from './pages/evaluations-page';
import { ComplaintsBoardPage } from './pages/complaints/complaints-board-page';
import { TicketPage } from './pages/complaints/ticket-page';
import { KpiDashboardPage } from './pages/kpis/kpi-dashboard-page';
import { LoginPage } from './pages/login-page';
import { AgreementPage } from './pages/review/agreement-page';
import { CalibrationPage } from './pages/review/calibration-page';
import { CalibrationsPage } from './pages/review/calibrations-page';
import { DisputesPage } from './pages/review/disputes-page';
import { ReviewQueuePage } from './pages/review/review-queue-page';
import { TenantsPage } from './pages/tenants-page';
import { UsersPage } from './pages/users-page';
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
    void api.logout();
    setUser(null);
    location.hash = '#/login';
  };
  const nav = user ? navFor(user.role) : [];
  const allowed = (href: string) => nav.some((l) => l.href === href);
  const evaluation = /^#\/evaluations\/([\w-]+)$/.exec(hash)?.[1];
  const ticket = /^#\/complaints\/([\w-]+)$/.exec(hash)?.[1];
  const calibration = /^#\/calibrations\/([\w-]+)$/.exec(hash)?.[1];
  let page;
  if (!user || hash === '#/login')
    page = <LoginPage onLogin={(s) => ((location.hash = navFor(s.role)[0].href), setUser(s))} />;
  else if (evaluation && allowed('#/evaluations')) page = <EvaluationPage id={evaluation} />;
  else if (ticket && allowed('#/complaints')) page = <TicketPage id={ticket} />;
  else if (hash === '#/complaints' && allowed('#/complaints')) page = <ComplaintsBoardPage />;
  else if (hash === '#/kpis' && allowed('#/kpis')) page = <KpiDashboardPage />;
  else if (hash === '#/review-queue' && allowed(hash)) page = <ReviewQueuePage user={user} />;
  else if (hash === '#/calibrations' && allowed(hash)) page = <CalibrationsPage user={user} />;
  else if (calibration && allowed('#/calibrations'))
    page = <CalibrationPage id={calibration} user={user} />;
  else if (hash === '#/agreement' && allowed(hash)) page = <AgreementPage />;
  else if (hash === '#/disputes' && allowed(hash)) page = <DisputesPage />;
  else if (hash === '#/tenants' && allowed('#/tenants')) page = <TenantsPage />;
  else if (hash === '#/users' && allowed('#/users')) page = <UsersPage user={user} />;
  else if (allowed('#/evaluations')) page = <EvaluationsPage user={user} />;
  else page = <TenantsPage />;
  return (
    <UiContext.Provider value={{ lang, t }}>
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
