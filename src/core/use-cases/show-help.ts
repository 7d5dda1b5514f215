import { privateText, type Reply } from '../messages.ts';

/** `/rebound help`: every command, briefly. */
export function showHelp(): Reply {
  return privateText(
    [
      'Rebound helps your circle keep going after every "no". Commands:',
      '/applied company | role [| link]: log an application',
      '/rejected company [| role] [| stage] [| note]: log a rejection and get a plan (no text opens a form)',
      '/update text: share progress',
      '/feedback company | what they said: keep what you learned',
      '/followups: your open steps, with Done / Snooze / Skip',
      "/checkin: today's check-in form",
      '/goal applications N [| networking M]: weekly goals',
      "/stats [group]: your week, or the group's",
      '/rebound setup [HH:MM] [timezone] [days] · config · join · leave · pause [days] · resume',
      '/rebound timezone Area/City · quiet HH-HH · visibility shared|counts|private · export · forget-me · help',
    ].join('\n'),
  );
}
