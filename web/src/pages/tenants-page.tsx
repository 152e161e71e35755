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
    try {
      const created = await api.createTenant({
        ...form,
        secondsPerRing: Number(form.secondsPerRing),
      });
      setDone(`${t('created')}: ${created.tenantId}`);
      setForm(EMPTY);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const field = (k: keyof typeof EMPTY, type = 'text') => (
    <label key={k}>
      {t(k)}
      <input
        name={k}
        type={type}
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
        <button type="submit">{t('create')}</button>
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
          </tr>
        </thead>
        <tbody>
          {tenants.map((x) => (
            <tr key={x.tenantId}>
              <td>{x.tenantId}</td>
              <td>{x.name}</td>
              <td>{x.companyName}</td>
              <td className="num">{x.secondsPerRing}</td>
              <td>{x.timezone}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
