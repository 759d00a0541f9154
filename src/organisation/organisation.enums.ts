export enum SecurityLevel {
  HIGH = 'HIGH',
  LOW = 'LOW',
}
