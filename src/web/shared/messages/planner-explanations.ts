import { messages } from './define';

/**
 * The automatic planner's explanations of prisoner-days without activity (the engine returns
 * codes with parameters; draft.page.ts words them with these texts).
 */
export const PLANNER_EXPLANATION_MESSAGES = messages(
  {
    'engine.NOT_FOUND_IN_TIME': 'Ikke funnet innen tidsgrensen',
    'plannerExplanation.when.AM': 'formiddag',
    'plannerExplanation.when.PM': 'ettermiddag',
    'plannerExplanation.when.both': 'formiddag eller ettermiddag',
    'plannerExplanation.NOT_IN_CUSTODY': 'Ikke innsatt ved fengselet denne dagen.',
    'plannerExplanation.UNAVAILABLE': 'Utilgjengelig både formiddag og ettermiddag.',
    'plannerExplanation.UNAVAILABLE.reasons': 'Utilgjengelig både formiddag og ettermiddag: {reasons}.',
    'plannerExplanation.NO_ELIGIBLE_ACTIVITY': 'Ingen økt ({when}) i en aktivitet den innsatte kan delta i.',
    'plannerExplanation.STAFF_ABSENT': 'Alle {sessions} passende økter ({when}) er avlyst eller mangler ansatt.',
    'plannerExplanation.ALL_ELIGIBLE_FULL':
      'Alle {sessions} passende økter ({when}) er fulle. Bevist: ingen plan gir dagen aktivitet uten å ta den fra en annen.',
    'plannerExplanation.NON_ASSOCIATION':
      'Bevist: ingen plan gir dagen aktivitet uten å ta den fra en annen, fordi innsatte som skal holdes adskilt, deler øktene.',
    'plannerExplanation.NOT_FOUND_IN_TIME':
      'Planleggingen fant ingen aktivitet for dagen innen tidsgrensen, men det er ikke bevist at det er umulig ({free} passende økter har ledig plass).',
    'plannerExplanation.blockedBy': 'Kan ikke delta i {session} sammen med {name}.',
  },
  {
    'engine.NOT_FOUND_IN_TIME': 'Not found within the time limit',
    'plannerExplanation.when.AM': 'morning',
    'plannerExplanation.when.PM': 'afternoon',
    'plannerExplanation.when.both': 'morning or afternoon',
    'plannerExplanation.NOT_IN_CUSTODY': 'Not held at this prison that day.',
    'plannerExplanation.UNAVAILABLE': 'Unavailable both morning and afternoon.',
    'plannerExplanation.UNAVAILABLE.reasons': 'Unavailable both morning and afternoon: {reasons}.',
    'plannerExplanation.NO_ELIGIBLE_ACTIVITY': 'No session ({when}) of an activity the prisoner may attend.',
    'plannerExplanation.STAFF_ABSENT': 'All {sessions} suitable sessions ({when}) are cancelled or without staff.',
    'plannerExplanation.ALL_ELIGIBLE_FULL':
      'All {sessions} suitable sessions ({when}) are full. Proven: no plan gives this day an activity without taking one from another.',
    'plannerExplanation.NON_ASSOCIATION':
      'Proven: no plan gives this day an activity without taking one from another, because prisoners who must be kept apart share the sessions.',
    'plannerExplanation.NOT_FOUND_IN_TIME':
      'The planner found no activity for this day within the time limit, but it is not proven impossible ({free} suitable sessions have free places).',
    'plannerExplanation.blockedBy': 'Cannot attend {session} together with {name}.',
  },
);
