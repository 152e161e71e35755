import type { Outcome } from '../../../../libs/qa-rules/src';
import { useReviewText } from './review-i18n';

export const OUTCOMES: Outcome[] = ['pass', 'fail', 'not_applicable'];

/** pass / fail / n.a., or nothing yet (labelled by `empty`). */
export function OutcomeSelect({
  name,
  value,
  onChange,
  empty = '',
}: {
  name: string;
  value: string;
  onChange: (v: string) => void;
  empty?: string;
}) {
  const { code } = useReviewText();
  return (
    <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{empty}</option>
      {OUTCOMES.map((o) => (
        <option key={o} value={o}>
          {code(o)}
        </option>
      ))}
    </select>
  );
}
