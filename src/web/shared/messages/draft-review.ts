import { messages } from './define';

/** The draft page's part apply, apply history and undo (issue 14, item 4). */
export const DRAFT_REVIEW_MESSAGES = messages(
  {
    'draftStatus.PARTIAL': 'Delvis tatt i bruk',
    'draftStatus.UNDONE': 'Angret',
    'plan.draft.applyPart': 'Ta i bruk bare denne delen',
    'plan.draft.applyPartHelp': 'Endringene for {part} (filteret over).',
    'plan.draft.applyRest': 'Ta i bruk resten av forslaget',
    'plan.draft.part.activity': 'aktiviteten {name}',
    'plan.draft.part.unit': 'avdelingen {name}',
    'plan.draft.part.and': '{a} i {b}',
    'plan.draft.part.all': 'hele resten av forslaget',
    'plan.draft.confirm.partTitle': 'Ta i bruk denne delen av forslaget?',
    'plan.draft.confirm.part':
      'Delen er {part}: {changes} tildelingsendringer for {prisoners} innsatte i {activities} aktiviteter. Etterpå står {left} endringer igjen.',
    'plan.draft.confirm.linked':
      'Medregnet er {linked} endringer delen ikke kan gjøres uten: de samme innsattes andre halvdager, og andre innsatte som flytter ut av en økt så det blir plass eller så de som skal holdes atskilt, ikke møtes.',
    'plan.draft.confirm.linked.one':
      'Medregnet er 1 endring delen ikke kan gjøres uten: en av de samme innsattes andre halvdager, eller en annen innsatt som flytter ut av en økt så det blir plass eller så de som skal holdes atskilt, ikke møtes.',
    'plan.draft.confirm.partYes': 'Ja, ta i bruk delen',
    'plan.draft.partApplied': 'Delen er tatt i bruk. Resten av forslaget kan tas i bruk senere; det sjekkes mot uken slik den er nå.',
    'plan.draft.applied.badge': 'tatt i bruk',
    'plan.draft.history.title': 'Tatt i bruk',
    'plan.draft.history.all': 'Alt som var igjen',
    'plan.draft.history.part': 'Del',
    'plan.draft.history.changes': 'Endringer',
    'plan.draft.history.when': 'Når',
    'plan.draft.history.undone': 'angret {at}',
    'plan.draft.undo': 'Angre siste gang forslaget ble tatt i bruk',
    'plan.draft.undoHelp':
      'Tildelingene blir som før, som en ny endring. Det går ikke når den første endrede dagen er passert, når oppmøte er registrert på en endret booking, eller når noen har endret de samme tildelingene etterpå.',
    'plan.draft.confirm.undoTitle': 'Angre?',
    'plan.draft.confirm.undo':
      '{changes} tildelingsendringer ({at}) blir angret, og tildelingene blir som før: {added} innsatte tas ut av en aktivitet de ble satt på, {changed} får tilbake dagene de hadde i en aktivitet, og {removed} settes tilbake på en aktivitet de ble tatt ut av. (En tildelingsendring er én innsatt i én aktivitet.)',
    'plan.draft.confirm.undoYes': 'Ja, angre',
    'plan.draft.undone': 'Angret. Tildelingene er som før forslaget ble tatt i bruk.',
    'plan.draft.undoneLatest': 'Det som sist ble tatt i bruk, er angret. Delene som ble tatt i bruk før det, gjelder fortsatt.',
    'plan.plannedNow.week':
      '{planned} av {days} fangedøgn fra {from} til {to} er planlagt nå: booket på en økt som ikke er avlyst, i en halvdag den innsatte ikke er opptatt.',
    'plan.plannedNow.draft':
      'Planlagt andel gjelder dagene forslaget planlegger, {from} til {to} ({n} dager). Planlagt nå: booket på en økt som ikke er avlyst, i en halvdag den innsatte ikke er opptatt (samme regel som ukeplanen).',
  },
  {
    'draftStatus.PARTIAL': 'Partly applied',
    'draftStatus.UNDONE': 'Undone',
    'plan.draft.applyPart': 'Apply only this part',
    'plan.draft.applyPartHelp': 'The changes of {part} (the filter above).',
    'plan.draft.applyRest': 'Apply the rest of the draft',
    'plan.draft.part.activity': 'the activity {name}',
    'plan.draft.part.unit': 'the unit {name}',
    'plan.draft.part.and': '{a} in {b}',
    'plan.draft.part.all': 'all the rest of the draft',
    'plan.draft.confirm.partTitle': 'Apply this part of the draft?',
    'plan.draft.confirm.part':
      'The part is {part}: {changes} allocation changes for {prisoners} prisoners in {activities} activities. {left} changes are left after it.',
    'plan.draft.confirm.linked':
      'They include {linked} changes the part cannot be made without: the same prisoners’ other half-days, and other prisoners moving out of a session to make room or to keep apart those who must not meet.',
    'plan.draft.confirm.linked.one':
      'They include 1 change the part cannot be made without: one of the same prisoners’ other half-days, or another prisoner moving out of a session to make room or to keep apart those who must not meet.',
    'plan.draft.confirm.partYes': 'Yes, apply the part',
    'plan.draft.partApplied':
      'The part is applied. The rest of the draft can be applied later; it is checked against the week as it is now.',
    'plan.draft.applied.badge': 'applied',
    'plan.draft.history.title': 'Applied',
    'plan.draft.history.all': 'All that was left',
    'plan.draft.history.part': 'Part',
    'plan.draft.history.changes': 'Changes',
    'plan.draft.history.when': 'When',
    'plan.draft.history.undone': 'undone {at}',
    'plan.draft.undo': 'Undo the latest apply',
    'plan.draft.undoHelp':
      'The allocations become as they were, as a new change. Not possible once the first changed day has passed, when attendance is recorded on a changed booking, or when someone changed the same allocations since.',
    'plan.draft.confirm.undoTitle': 'Undo?',
    'plan.draft.confirm.undo':
      '{changes} allocation changes ({at}) are undone, and the allocations become as they were: {added} prisoners are taken off an activity they were put on, {changed} get back the days they had in an activity, and {removed} are put back on an activity they were taken off. (An allocation change is one prisoner in one activity.)',
    'plan.draft.confirm.undoYes': 'Yes, undo',
    'plan.draft.undone': 'Undone. The allocations are as they were before the draft was applied.',
    'plan.draft.undoneLatest': 'The latest apply is undone. The parts applied before it still stand.',
    'plan.plannedNow.week':
      '{planned} of {days} prisoner-days from {from} to {to} are planned now: booked on a session that is not cancelled, in a half-day the prisoner is not unavailable.',
    'plan.plannedNow.draft':
      'The planned rate covers the days the draft plans, {from} to {to} ({n} days). Planned now: booked on a session that is not cancelled, in a half-day the prisoner is not unavailable (the same rule as the week plan).',
  },
);
