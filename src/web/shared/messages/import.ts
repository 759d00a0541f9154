import { messages } from './define';

/** Population intake and the freshness of the figures (issue 15). */
export const IMPORT_MESSAGES = messages(
  {
    'facts.completeThrough': 'Tallene er komplette til og med {date}.',
    'facts.behind': 'Tallene er komplette til og med {date}: {days} avsluttede dager er ikke beregnet ennå (nattjobben tar dem igjen).',
    'facts.none': 'Nattjobben har ikke beregnet tallene ennå.',
  },
  {
    'facts.completeThrough': 'Figures are complete up to and including {date}.',
    'facts.behind':
      'Figures are complete up to and including {date}: {days} finished days are not computed yet (the nightly job catches up).',
    'facts.none': 'The nightly job has not computed the figures yet.',
  },
);
