export { hasuraJwtClaimLocation, hasuraPresetScript, NAMESPACE_PATH, parseNamespacePath } from './hasura-preset.ts';
export type { HasuraClaimLocation, HasuraClaimsFormat, HasuraPresetOptions } from './hasura-preset.ts';
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
export { hasuraPresetClaims, uneditedHasuraPreset } from './hasura-preset-native.ts';
export type { PresetOutcome } from './hasura-preset-native.ts';
