/** The pen page's connection as the visitor sees it. */
export type PenLink = 'connecting' | 'paired' | 'reconnecting' | 'not-paired';

/** Why the page asks for a PIN: shown above the keypad. */
export type PairProblem = 'none' | 'wrong-pin' | 'expired' | 'revoked' | 'locked-out';
