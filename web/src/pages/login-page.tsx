import { FormEvent, useState } from 'react';
import { api, ApiError, Session } from '../api';
import { useUi } from '../ui';

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const { t } = useUi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      onLogin(await api.login(username, password));
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(t(status === 423 ? 'locked' : status === 429 ? 'tooManyLogins' : 'badLogin'));
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
      {error && <p className="error">{error}</p>}
      <button type="submit">{t('login')}</button>
    </form>
  );
}
