/** Forms (Slack and Discord modals, the console's `:submit`) built from a command's declared fields. */
import type { Form, FormField } from '../messages.ts';
import type { CommandDeclaration } from './declarations.ts';
import type { Field } from './fields.ts';

export function formOf(command: CommandDeclaration, formId: string = command.id): Form {
  return {
    formId,
    title: command.form?.title ?? command.summary,
    submitLabel: command.form?.submitLabel ?? 'Send',
    fields: command.fields.map(formField),
  };
}

function formField(field: Field): FormField {
  const base = { id: field.id, label: field.label, required: field.required, placeholder: field.example };
  switch (field.kind) {
    case 'text':
      return { ...base, kind: field.long ? 'long' : 'short', maxLength: field.maxLength };
    case 'integer':
      return { ...base, kind: 'number', maxLength: String(field.max).length };
    case 'choice':
      return { ...base, kind: 'choice', choices: field.choices.map((c) => ({ value: c.value, label: c.label })) };
    case 'url':
      return { ...base, kind: 'short', maxLength: field.maxLength };
    default:
      return { ...base, kind: 'short', maxLength: 64 };
  }
}
