import { FormEvent, useEffect, useState } from 'react';
import { api, Tenant } from '../api';
import { useUi } from '../ui';
import { FieldErrors } from '../components/field-errors';

const EMPTY = {
  tenantId: '',
  name: '',
  companyName: '',
  secondsPerRing: '3',
  timezone: 'Asia/Shanghai',
};

export function TenantsPage() {
  const { t } = useUi();
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  /** The tenant whose settings the form is editing; none: the form creates one. */
  const [editing, setEditing] = useState<string | null>(null);

  const load = () =>
    api
      .tenants()
      .then(setTenants)
      .catch((e: unknown) => setError(e));
  useEffect(() => {
    void load();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone('');
    const { tenantId, ...settings } = { ...form, secondsPerRing: Number(form.secondsPerRing) };
    try {
      const saved = editing
        ? await api.updateTenant(editing, settings)
        : await api.createTenant({ tenantId, ...settings });
      setDone(`${t(editing ? 'saved' : 'created')}: ${saved.tenantId}`);
      setEditing(null);
      setForm(EMPTY);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const edit = (x: Tenant) => {
    setError(null);
    setDone('');
    setEditing(x.tenantId);
    setForm({ ...x, secondsPerRing: String(x.secondsPerRing) });
  };
  const cancel = () => {
    setEditing(null);
    setForm(EMPTY);
  };
  const field = (k: keyof typeof EMPTY, type = 'text') => (
    <label key={k}>
      {t(k)}
      <input
        name={k}
        type={type}
        readOnly={k === 'tenantId' && editing !== null}
        value={form[k]}
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      />
    </label>
  );
  return (
    <section>
      <h1>{t('tenants')}</h1>
      <form className="filters" onSubmit={submit} data-testid="tenant-form">
        {field('tenantId')}
        {field('name')}
        {field('companyName')}
        {field('secondsPerRing', 'number')}
        {field('timezone')}
        <button type="submit">{t(editing ? 'save' : 'create')}</button>
        {editing && (
          <button type="button" onClick={cancel}>
            {t('cancel')}
          </button>
        )}
      </form>
      <FieldErrors error={error} />
      {done && <p className="ok">{done}</p>}
      <table className="list" data-testid="tenants">
        <thead>
          <tr>
            <th>{t('tenantId')}</th>
            <th>{t('name')}</th>
            <th>{t('companyName')}</th>
            <th>{t('secondsPerRing')}</th>
            <th>{t('timezone')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((x) => (
            <tr key={x.tenantId} data-tenant={x.tenantId}>
              <td>{x.tenantId}</td>
              <td>{x.name}</td>
              <td>{x.companyName}</td>
              <td className="num">{x.secondsPerRing}</td>
              <td>{x.timezone}</td>
              <td>
                <button type="button" data-testid="edit-tenant" onClick={() => edit(x)}>
                  {t('edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
