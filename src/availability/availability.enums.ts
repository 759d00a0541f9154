export enum UnavailabilityKind {
  COURT = 'COURT',
  VISIT = 'VISIT',
  HEALTH_APPOINTMENT = 'HEALTH_APPOINTMENT',
  LAWYER = 'LAWYER',
  LEAVE = 'LEAVE',
  // Segregation / exclusion from company by decision: the day is "excluded", not "no offer".
  EXCLUDED_FROM_COMPANY = 'EXCLUDED_FROM_COMPANY',
  OTHER = 'OTHER',
}
