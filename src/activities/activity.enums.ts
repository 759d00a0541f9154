export enum ActivityKind {
  WORK = 'WORK',
  EDUCATION = 'EDUCATION',
  PROGRAMME = 'PROGRAMME',
}

export enum DayPeriod {
  AM = 'AM',
  PM = 'PM',
}
