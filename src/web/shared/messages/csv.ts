import { messages } from './define';

/** CSV downloads from the pages: column headers and the labels of coded values not named elsewhere. */
export const CSV_MESSAGES = messages(
  {
    'csv.roster.file': 'Deltakerliste',
    'csv.roster.prisonerNumber': 'Fangenummer',
    'csv.roster.lastName': 'Etternavn',
    'csv.roster.firstName': 'Fornavn',
    'csv.roster.unit': 'Avdeling',
    'csv.roster.educationRight': 'Opplæringsrett',
    'csv.roster.educationLevel': 'Utdanningsnivå',
    'csv.roster.dateOfBirth': 'Fødselsdato',
    'csv.roster.allocationPattern': 'Tildelingsmønster',
    'csv.pattern.ALL': 'Alle økter',
    'csv.pattern.AM_ONLY': 'Bare formiddag',
    'csv.pattern.PM_ONLY': 'Bare ettermiddag',
    'csv.pattern.CHOSEN': 'Valgte økter',
  },
  {
    'csv.roster.file': 'Roster',
    'csv.roster.prisonerNumber': 'Prisoner number',
    'csv.roster.lastName': 'Last name',
    'csv.roster.firstName': 'First name',
    'csv.roster.unit': 'Unit',
    'csv.roster.educationRight': 'Education right',
    'csv.roster.educationLevel': 'Education level',
    'csv.roster.dateOfBirth': 'Date of birth',
    'csv.roster.allocationPattern': 'Allocation pattern',
    'csv.pattern.ALL': 'All sessions',
    'csv.pattern.AM_ONLY': 'Mornings only',
    'csv.pattern.PM_ONLY': 'Afternoons only',
    'csv.pattern.CHOSEN': 'Chosen sessions',
  },
);
