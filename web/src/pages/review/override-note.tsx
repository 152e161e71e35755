import type { Finding } from '../../api';
import { useReviewText } from './review-i18n';

/** Beside a finding a person changed: the engine's outcome and the reviewer's reason. */
export function OverrideNote({ finding: f }: { finding: Finding }) {
  const { t, code } = useReviewText();
  if (f.outcome === f.automaticOutcome && !f.heldForReview) return null;
  return (
    <span className="override-note" data-testid="override-note">
      {f.outcome !== f.automaticOutcome && (
        <>
          {' '}
          ({t('engine')}: {code(f.automaticOutcome)}
          {f.overrideReason ? ` — ${t('reason')}: ${f.overrideReason}` : ''})
        </>
      )}
      {f.heldForReview && <span className="tag"> {t('held')}</span>}
    </span>
  );
}
