export { hasuraJwtClaimLocation, hasuraPresetConfig, hasuraPresetScript, NAMESPACE_PATH, parseNamespacePath } from './preset.ts';
export type { HasuraClaimLocation, HasuraClaimsFormat, HasuraPresetInput, HasuraPresetOptions } from './preset.ts';
export { hasuraPresetClaims, uneditedHasuraPreset } from './preset-native.ts';
export type { PresetOutcome } from './preset-native.ts';
export { decideWebhookSession } from './webhook-session.ts';
export type { WebhookDecision } from './webhook-session.ts';
