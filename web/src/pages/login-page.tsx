import { FormEvent, useState } from 'react';
import { api, ApiError, Session } from '../api';
import type { MessageKey } from '../i18n';
import { useUi } from '../ui';

/** The server's code (or status) as a message key: the UI words it in the current language. */
function loginErrorKey(err: unknown): MessageKey {
  if (!(err instanceof ApiError)) return 'loginFailed';
  if (err.code === 'AUTH_RATE_LIMITED' || err.status === 429) return 'tooManyLogins';
  if (err.status === 423) return 'locked';
  if (err.code === 'AUTH_BAD_CREDENTIALS' || err.status === 401) return 'badLogin';
  return 'loginFailed';
}

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const { t } = useUi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // The key, not the text: switching language translates an error already shown.
  const [error, setError] = useState<MessageKey | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onLogin(await api.login(username, password));
    } catch (err) {
      setError(loginErrorKey(err));
    }
  };
  return (
    <form className="login" onSubmit={submit}>
      <h1>{t('login')}</h1>
      <label>
        {t('username')}
        <input
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
        />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
      </label>
      {error && <p className="error">{t(error)}</p>}
      <button type="submit">{t('login')}</button>
    </form>
  );
}
