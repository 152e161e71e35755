import { useEffect, useState } from 'react';
import { FieldErrors } from '../../components/field-errors';
import { Dispute, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

/** The lead's open disputes, oldest first; each links to its evaluation, where it is decided. */
export function DisputesPage() {
  const { t, rule, when } = useReviewText();
  const [items, setItems] = useState<Dispute[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    reviewApi
      .disputes({ status: 'open' })
      .then((p) => setItems(p.items))
      .catch(setError);
  }, []);
  return (
    <section data-testid="disputes-page">
      <h2>{t('disputes')}</h2>
      <FieldErrors error={error} />
      <table className="list" data-testid="disputes">
        <thead>
          <tr>
            <th>{t('openedAt')}</th>
            <th>{t('agent')}</th>
            <th>{t('items')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} data-dispute={d.id}>
              <td>{when(d.openedAt)}</td>
              <td>{d.agentId}</td>
              <td>
                {d.items
                  .map((i) => `${i.ruleId ? rule(i.ruleId) : i.itemId}「${i.comment}」`)
                  .join(' ')}
              </td>
              <td>
                <a href={`#/evaluations/${d.evaluationId}`}>{t('decide')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p>{t('noDisputes')}</p>}
    </section>
  );
}
