export enum LegalStatus {
  CONVICTED = 'CONVICTED',
  REMAND = 'REMAND',
}

// Highest completed education (levels used in the 2012 inmate survey quoted by the strategy).
export enum EducationLevel {
  NONE_OR_PRIMARY = 'NONE_OR_PRIMARY',
  LOWER_SECONDARY = 'LOWER_SECONDARY',
  UPPER_SECONDARY_INCOMPLETE = 'UPPER_SECONDARY_INCOMPLETE',
  UPPER_SECONDARY = 'UPPER_SECONDARY',
  HIGHER = 'HIGHER',
  UNKNOWN = 'UNKNOWN',
}

// Right to upper-secondary education: youth right (under 25) or adult right.
export enum EducationRight {
  NONE = 'NONE',
  YOUTH = 'YOUTH',
  ADULT = 'ADULT',
}

export enum CustodyEndReason {
  RELEASED = 'RELEASED',
  TRANSFERRED = 'TRANSFERRED',
}
