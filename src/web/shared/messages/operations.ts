import { messages } from './define';

/** Texts about the service's own state (database unavailable, figures' freshness). */
export const OPERATIONS_MESSAGES = messages(
  {
    'error.503.text': 'Databasen svarer ikke akkurat nå. Prøv igjen om noen sekunder.',
  },
  {
    'error.503.text': 'The database is not answering right now. Please try again in a few seconds.',
  },
);
