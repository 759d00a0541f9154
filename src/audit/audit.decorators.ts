import { SetMetadata } from '@nestjs/common';

export const AUDIT_KEY = 'audit-spec';

export interface AuditSpec {
  /** e.g. "prisoner.list"; writes without a spec are recorded as "METHOD /route". */
  action: string;
  subjectType?: string;
  /** Route parameter holding the subject id (default "id"). */
  subjectParam?: string;
  /** The subject is a prisoner: record it as the prisoner affected. */
  subjectIsPrisoner?: boolean;
}

/** Record this route in the audit log (every write is recorded anyway; use it for reads of personal data). */
export const Audited = (spec: AuditSpec) => SetMetadata(AUDIT_KEY, spec);
