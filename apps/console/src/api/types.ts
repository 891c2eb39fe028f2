import type { ProblemDto } from '@gatehouse/client/dto';

/**
 * Console-only types. Every Management API wire type (ResourceDto, JwtCustomizerDto,
 * ScriptTestResultDto, SigningKeyDto, HasuraDoctorResultDto…) is the SDK's: import it from
 * `@gatehouse/client/dto`, never redeclare it here.
 */

/** A problem as the console builds it too (network errors, non-JSON answers): `type` may be missing. */
export type Problem = Omit<ProblemDto, 'type'> & { type?: string };
