export { hasuraJwtClaimLocation, hasuraPresetConfig, hasuraPresetScript, NAMESPACE_PATH } from './preset.ts';
export { hasuraPresetClaims, uneditedHasuraPreset } from './preset-native.ts';
