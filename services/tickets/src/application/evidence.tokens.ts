/** Injection token of the EvidenceStorage. */
export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');
/** Injection token of the EvidenceLimits. */
export const EVIDENCE_LIMITS = Symbol('EVIDENCE_LIMITS');
