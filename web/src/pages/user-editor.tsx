import { FormEvent, useState } from 'react';
import { api, User } from '../api';
import { useUi } from '../ui';
import { FieldErrors } from '../components/field-errors';
import { TextField } from '../components/text-field';
import { roleKey } from '../nav';

const TENANT_ROLES = ['admin', 'qa', 'lead', 'ops', 'agent'];

/** The role a tenant's user may have, as a labelled select. */
export function RoleField({
  value,
  onChange,
}: {
  value: string;
  onChange: (role: string) => void;
}) {
  const { t } = useUi();
  return (
    <label>
      {t('role')}
      <select name="role" value={value} onChange={(e) => onChange(e.target.value)}>
        {TENANT_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(roleKey(r))}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * An admin's edit of one user: role, ids and disabling (sent with the version read, so a
 * concurrent edit is a 409 rather than overwritten), a password reset, and deletion.
 */
export function UserEditor({
  user,
  onChanged,
  onClose,
}: {
  user: User;
  /** The list reloads: the user changed or is gone. */
  onChanged: (message: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useUi();
  const [form, setForm] = useState({
    role: user.role,
    agentId: user.agentId ?? '',
    teamId: user.teamId ?? '',
    disabled: user.disabled,
  });
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<unknown>(null);

  const attempt = async (work: () => Promise<string>) => {
    setError(null);
    try {
      await onChanged(await work());
    } catch (err) {
      setError(err);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await api.updateUser(user.id, {
        role: form.role,
        agentId: form.agentId.trim() || null,
        teamId: form.teamId.trim() || null,
        disabled: form.disabled,
        expectedVersion: user.version,
      });
      onClose();
      return `${t('saved')}: ${user.username}`;
    });
  };
  const reset = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await api.resetPassword(user.id, newPassword);
      setNewPassword('');
      return `${t('passwordReset')}: ${user.username}`;
    });
  };
  const remove = () => {
    if (!window.confirm(t('confirmDelete').replace('{name}', user.username))) return;
    void attempt(async () => {
      await api.deleteUser(user.id);
      onClose();
      return `${t('deleted')}: ${user.username}`;
    });
  };

  return (
    <div className="user-editor" data-testid="user-editor">
      <form className="filters" onSubmit={save}>
        <RoleField value={form.role} onChange={(role) => setForm({ ...form, role })} />
        <TextField
          label={t('agentId')}
          name="agentId"
          value={form.agentId}
          onChange={(v) => setForm({ ...form, agentId: v })}
        />
        <TextField
          label={t('team')}
          name="teamId"
          value={form.teamId}
          onChange={(v) => setForm({ ...form, teamId: v })}
        />
        <label>
          <input
            name="disabled"
            type="checkbox"
            checked={form.disabled}
            onChange={(e) => setForm({ ...form, disabled: e.target.checked })}
          />{' '}
          {t('disableUser')}
        </label>
        <button type="submit">{t('save')}</button>
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
      </form>
      <form className="filters" onSubmit={reset}>
        <TextField
          label={t('newPassword')}
          name="newPassword"
          type="password"
          value={newPassword}
          onChange={(v) => setNewPassword(v)}
        />
        <button type="submit">{t('resetPassword')}</button>
        <button type="button" className="danger" onClick={remove}>
          {t('deleteUser')}
        </button>
      </form>
      <FieldErrors error={error} />
    </div>
  );
}
