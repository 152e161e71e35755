import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as english, translations } from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's 0–4 scale; 3 is "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

// Built on first use: loading the dictionaries takes most of a second.
let estimator: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    // The default (100) costs about half a second a check on long passwords; 10 scores the same.
    l33tMaxSubstitutions: 10,
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...common, ...english },
  }));

const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Why `password` may not be `username`'s password, or null when it may. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  }
  const name = letters(username);
  if (name.length >= 3 && letters(password).includes(name)) {
    return 'must not contain the username';
  }
  const result = zxcvbn().check(password, [username, ...username.split(/[^\p{L}\p{N}]+/u)]);
  if (result.score < MIN_PASSWORD_SCORE) {
    const hint = result.feedback.warning ?? result.feedback.suggestions[0];
    return `is too easy to guess${hint ? ` (${hint})` : ''}; use a longer phrase of unrelated words`;
  }
  return null;
}
