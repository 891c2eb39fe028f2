export { createVerificationCodeService, type VerificationCodeService } from './service.ts';
