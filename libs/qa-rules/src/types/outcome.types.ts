export type Outcome = 'pass' | 'fail' | 'not_applicable';
