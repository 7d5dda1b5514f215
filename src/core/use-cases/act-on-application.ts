/**
 * The buttons of `/applications`: move an application to its next stage, log a rejection on it (the
 * rejection form, filled in), edit what was logged (company, role, link, visibility) in a form, or
 * delete it (asked first; see delete-application.ts).
 * Only the application's own member may press them; an edit keeps the application's history.
 */
import { declare, LIMITS } from '../commands/declaration.ts';
import { COMMANDS } from '../commands/declarations.ts';
import { formOf } from '../commands/forms.ts';
import { readInput } from '../commands/read-input.ts';
import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { ButtonEvent, EventSource, FormSubmitEvent } from '../events.ts';
import { privateText, type Button, type Form, type Reply } from '../messages.ts';
import {
  ACTIVE_STATUSES,
  type Application,
  type ApplicationStatus,
  type Group,
  type StageMove,
  type Visibility,
} from '../types.ts';
import { sameWorkspace, workspaceOf } from './context.ts';
import { askToDelete, deleteApplication, keepApplication } from './delete-application.ts';
import { describeApplication } from './find-application.ts';
import { moveApplication } from './move-application-stage.ts';

const GONE = 'That application is no longer there. /applications lists what is.';
const NOT_YOURS = "That button belongs to someone else's application, so I left it alone.";

/** The stage an application moves on to from each stage of the pipeline. */
export const NEXT_STAGE: Partial<Readonly<Record<ApplicationStatus, StageMove>>> = {
  applied: 'screening',
  screening: 'interviewing',
  interviewing: 'offer',
  offer: 'accepted',
};
const WAITING: ReadonlySet<ApplicationStatus> = new Set(ACTIVE_STATUSES);

/** The edit form's fields, declared like a command's so they are read and checked the same way. */
const EDIT = declare({
  id: 'edit application',
  summary: 'edits a logged application',
  where: 'group-or-dm',
  who: 'member',
  example: 'company=Acme | role=Backend Engineer',
  fields: [
    { id: 'company', kind: 'text', label: 'Company', required: true, maxLength: LIMITS.company, example: 'Acme' },
    { id: 'role', kind: 'text', label: 'Role', required: false, maxLength: LIMITS.role, example: 'Backend Engineer' },
    {
      id: 'link',
      kind: 'url',
      label: 'Link',
      required: false,
      maxLength: LIMITS.link,
      example: 'https://acme.example/jobs/1',
    },
    {
      id: 'visibility',
      kind: 'choice',
      label: 'What the group sees',
      required: true,
      example: 'counts',
      choices: [
        { value: 'shared', label: 'shared: the company is named' },
        { value: 'counts', label: 'counts: "an application", no company' },
        { value: 'private', label: 'private: nothing' },
      ],
    },
  ],
});

/** The buttons under one application in `/applications`. */
export function applicationButtons(a: Application): Button[] {
  const next = NEXT_STAGE[a.status];
  return [
    ...(next ? [{ actionId: `app:next:${a.id}`, label: `→ ${next}` }] : []),
    ...(WAITING.has(a.status) ? [{ actionId: `app:reject:${a.id}`, label: 'Rejected' }] : []),
    { actionId: `app:edit:${a.id}`, label: 'Edit' },
    { actionId: `app:delete:${a.id}`, label: 'Delete' },
  ];
}

export async function actOnApplication(deps: CoreDeps, event: ButtonEvent): Promise<Reply> {
  const m = /^app:(next|reject|edit|delete|delete-yes|keep):(\d{1,15})$/.exec(event.actionId);
  if (!m) throw new UserError(GONE);
  const { application, group } = await ownApplication(deps, event.source, Number(m[2]));
  switch (m[1]) {
    case 'next': {
      const next = NEXT_STAGE[application.status];
      if (!next)
        return privateText(`${describeApplication(application)} is ${application.status}: it has no next stage.`);
      return moveApplication(deps, group, event.source, application, next);
    }
    case 'reject':
      return { type: 'form', form: withInitial(formOf(COMMANDS.rejected), application) };
    case 'delete':
      return askToDelete(deps, application);
    case 'delete-yes':
      return deleteApplication(deps, workspaceOf(event.source), application);
    case 'keep':
      return keepApplication(application);
    default:
      return { type: 'form', form: withInitial(formOf(EDIT, `appedit:${application.id}`), application) };
  }
}

/** The edit form sent back: the application changes, its history and plan stay as they are. */
export async function submitApplicationEdit(deps: CoreDeps, event: FormSubmitEvent): Promise<Reply> {
  const id = Number(/^appedit:(\d{1,15})$/.exec(event.formId)?.[1] ?? NaN);
  if (!Number.isInteger(id)) throw new UserError(GONE);
  const { application } = await ownApplication(deps, event.source, id);
  // A field left out (the console's :submit) keeps what is stored; a form sends every field.
  const values = {
    company: application.company,
    role: application.role,
    link: application.link ?? '',
    visibility: application.visibility,
    ...event.fields,
  };
  const input = readInput(EDIT, values) as {
    company: string;
    role: string | null;
    link: string | null;
    visibility: Visibility;
  };
  const edited = await deps.store.applications.edit(
    id,
    { company: input.company, role: input.role ?? '', link: input.link, visibility: input.visibility },
    deps.clock.now(),
  );
  const changed = [
    edited.company !== application.company ? 'company' : null,
    edited.role !== application.role ? 'role' : null,
    edited.link !== application.link ? 'link' : null,
    edited.visibility !== application.visibility ? `visibility (now ${edited.visibility})` : null,
  ].filter((x): x is string => x !== null);
  if (changed.length === 0) return privateText(`Nothing changed on ${describeApplication(edited)}.`);
  const saved = `Saved ${describeApplication(edited)}: ${changed.join(', ')} changed. Its history and plan stay as they are.`;
  return edited.visibility !== application.visibility
    ? privateText(saved, 'Posts already in the group stay as they were.')
    : privateText(saved);
}

async function ownApplication(
  deps: CoreDeps,
  source: EventSource,
  id: number,
): Promise<{ application: Application; group: Group }> {
  const application = await deps.store.applications.get(id);
  const member = application ? await deps.store.members.get(application.memberId) : null;
  if (!application || !member || !sameWorkspace(member.workspace, workspaceOf(source))) throw new UserError(GONE);
  if (member.userId !== source.actor.userId) throw new UserError(NOT_YOURS);
  const group = await deps.store.groups.get(member.groupId);
  if (!group) throw new UserError(GONE);
  return { application, group };
}

function withInitial(form: Form, a: Application): Form {
  const initial: Record<string, string> = {
    company: a.company,
    role: a.role,
    link: a.link ?? '',
    visibility: a.visibility,
  };
  return { ...form, fields: form.fields.map((f) => (initial[f.id] ? { ...f, initial: initial[f.id] } : f)) };
}
