import { FormEvent, Fragment, useEffect, useState } from 'react';
import { api, Session, Tenant, User } from '../api';
import { useUi } from '../ui';
import { FieldErrors } from '../components/field-errors';
import { TextField } from '../components/text-field';
import { roleKey } from '../nav';
import { RoleField, UserEditor } from './user-editor';
const EMPTY = { username: '', password: '', role: 'qa', agentId: '' };

export function UsersPage({ user }: { user: Session }) {
  const { t } = useUi();
  const platform = user.role === 'platform_admin';
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tenantId, setTenantId] = useState(user.tenantId ?? '');
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    if (platform)
      void api
        .tenants()
        .then((list) => {
          setTenants(list);
          setTenantId((current) => current || list[0]?.tenantId || '');
        })
        .catch((e: unknown) => setError(e));
  }, [platform]);
  const load = () =>
    tenantId
      ? api
          .users(platform ? tenantId : undefined)
          .then(setUsers)
          .catch((e: unknown) => setError(e))
      : Promise.resolve();
  useEffect(() => {
    void load();
  }, [tenantId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone('');
    const body: Record<string, string> = { ...form, tenantId };
    if (form.role !== 'agent' || !form.agentId) delete body.agentId;
    try {
      const created = await api.createUser(body);
      setDone(`${t('created')}: ${created.username}`);
      setForm(EMPTY);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section>
      <h1>{t('users')}</h1>
      {platform && (
        <label className="tenant-pick">
          {t('tenantId')}{' '}
          <select name="tenant" value={tenantId} onChange={(e) => setTenantId(e.target.value)}>
            {tenants.map((x) => (
              <option key={x.tenantId} value={x.tenantId}>
                {x.tenantId} · {x.companyName}
              </option>
            ))}
          </select>
        </label>
      )}
      <form className="filters" onSubmit={submit} data-testid="user-form">
        <TextField
          label={t('username')}
          name="username"
          value={form.username}
          onChange={(v) => setForm({ ...form, username: v })}
        />
        <TextField
          label={t('password')}
          name="password"
          type="password"
          value={form.password}
          onChange={(v) => setForm({ ...form, password: v })}
        />
        <RoleField value={form.role} onChange={(role) => setForm({ ...form, role })} />
        {form.role === 'agent' && (
          <label>
            {t('agentId')}
            <input
              name="agentId"
              value={form.agentId}
              onChange={(e) => setForm({ ...form, agentId: e.target.value })}
            />
          </label>
        )}
        <button type="submit">{t('create')}</button>
      </form>
      <FieldErrors error={error} />
      {done && <p className="ok">{done}</p>}
      <table className="list" data-testid="users">
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('role')}</th>
            <th>{t('agentId')}</th>
            <th>{t('team')}</th>
            <th>{t('status')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <Fragment key={u.id}>
              <tr data-user={u.username} className={u.disabled ? 'disabled' : undefined}>
                <td>{u.username}</td>
                <td>{t(roleKey(u.role))}</td>
                <td>{u.agentId ?? ''}</td>
                <td>{u.teamId ?? ''}</td>
                <td className="status">{u.disabled ? t('disabledState') : t('enabled')}</td>
                <td>
                  <button
                    type="button"
                    data-testid="edit-user"
                    onClick={() => setEditing(editing === u.id ? null : u.id)}
                  >
                    {t('edit')}
                  </button>
                </td>
              </tr>
              {editing === u.id && (
                <tr>
                  <td colSpan={6}>
                    <UserEditor
                      user={u}
                      onClose={() => setEditing(null)}
                      onChanged={async (message) => {
                        setError(null);
                        setDone(message);
                        await load();
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
