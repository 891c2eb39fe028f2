export {
  createVerificationCodeService,
  VERIFICATION_CODE_DEFAULTS,
  type VerificationCodeOptions,
  type VerificationCodeService,
} from './service.ts';
