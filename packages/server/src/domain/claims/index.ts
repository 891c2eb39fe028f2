export { mergeCustomClaims } from './reserved-claims.ts';
