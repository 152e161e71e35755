import { FormEvent, useEffect, useState } from 'react';
import { Session } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { CalibrationSession, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

const list = (s: string) =>
  s
    .split(/[\s,,、]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Calibration sessions: a lead or QA sets one up from call ids, evaluators and an expert. */
export function CalibrationsPage({ user }: { user: Session }) {
  const { t, code, list: listed, when } = useReviewText();
  const [items, setItems] = useState<CalibrationSession[]>([]);
  const [form, setForm] = useState({ name: '', callIds: '', evaluators: '', expert: '' });
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    try {
      setItems((await reviewApi.calibrations()).items);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(), []);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const s = await reviewApi.createCalibration({
        ...(form.name ? { name: form.name } : {}),
        callIds: list(form.callIds),
        evaluators: list(form.evaluators),
        expert: form.expert.trim(),
      });
      location.hash = `#/calibrations/${s.id}`;
    } catch (err) {
      setError(err);
    }
  };
  const set = (k: keyof typeof form, v: string) => setForm({ ...form, [k]: v });
  return (
    <section data-testid="calibrations-page">
      <h2>{t('calibrations')}</h2>
      {(user.role === 'lead' || user.role === 'admin') && (
        <form className="filters" onSubmit={(e) => void create(e)} data-testid="calibration-form">
          <strong>{t('newCalibration')}</strong>
          <label>
            {t('name')}
            <input name="name" value={form.name} onChange={(e) => set('name', e.target.value)} />
          </label>
          <label>
            {t('callIds')}
            <textarea
              name="callIds"
              value={form.callIds}
              onChange={(e) => set('callIds', e.target.value)}
            />
          </label>
          <label>
            {t('evaluators')}
            <input
              name="evaluators"
              value={form.evaluators}
              onChange={(e) => set('evaluators', e.target.value)}
            />
          </label>
          <label>
            {t('expert')}
            <input
              name="expert"
              value={form.expert}
              onChange={(e) => set('expert', e.target.value)}
            />
          </label>
          <button type="submit">{t('create')}</button>
        </form>
      )}
      <FieldErrors error={error} />
      <h3>{t('sessions')}</h3>
      <table className="list" data-testid="calibrations">
        <tbody>
          {items.map((s) => (
            <tr key={s.id} data-calibration={s.id}>
              <td>
                <a href={`#/calibrations/${s.id}`}>{s.name || s.id.slice(0, 8)}</a>
              </td>
              <td>{code(s.status)}</td>
              <td>{s.callIds.length}</td>
              <td>{listed(s.evaluators)}</td>
              <td>{s.expert}</td>
              <td>{s.createdAt ? when(s.createdAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
