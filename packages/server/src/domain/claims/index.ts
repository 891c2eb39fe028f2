export { mergeCustomClaims, reservedClaimNames } from './reserved-claims.ts';
export type { MergedClaims } from './reserved-claims.ts';
export {
  demoMaintainerRole,
  demoReaderRole,
  demoResource,
  sampleMachineContext,
  sampleMachineToken,
  sampleUserContext,
  sampleUserToken,
} from './sample-context.ts';
