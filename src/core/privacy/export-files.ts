/** The files of /rebound export: everything as JSON, and applications and follow-ups as CSV. */
import type { OutboundFile } from '../messages.ts';
import type { MemberExport } from '../ports/index.ts';

const encoder = new TextEncoder();

export function exportFiles(data: MemberExport, exportedAt: Date): OutboundFile[] {
  const json = JSON.stringify({ format: 'rebound-export', version: 1, exportedAt, ...data }, null, 2);
  const apps = new Map(data.applications.map((a) => [a.id, a]));
  const groupOf = new Map(data.memberships.map((m) => [m.id, data.groups.find((g) => g.id === m.groupId)?.name ?? '']));
  const applications = csv(
    [
      'id',
      'group',
      'company',
      'role',
      'link',
      'status',
      'visibility',
      'created_at',
      'updated_at',
      'rejection_stage',
      'rejected_on',
      'rejection_note',
    ],
    data.applications.map((a) => {
      const r = [...data.rejections].reverse().find((x) => x.applicationId === a.id);
      return [
        a.id,
        groupOf.get(a.memberId) ?? '',
        a.company,
        a.role,
        a.link,
        a.status,
        a.visibility,
        a.createdAt,
        a.updatedAt,
        r?.stage,
        r?.rejectedOn,
        r?.note,
      ];
    }),
  );
  const followUps = csv(
    ['id', 'group', 'rule', 'company', 'role', 'due_at', 'status', 'occurrence', 'created_at', 'updated_at'],
    data.followUps.map((f) => {
      const a = f.applicationId === null ? undefined : apps.get(f.applicationId);
      return [
        f.id,
        groupOf.get(f.memberId) ?? '',
        f.ruleId,
        a?.company,
        a?.role,
        f.dueAt,
        f.status,
        f.occurrence,
        f.createdAt,
        f.updatedAt,
      ];
    }),
  );
  return [
    {
      filename: 'rebound-export.json',
      mimeType: 'application/json',
      bytes: encoder.encode(json),
      title: 'Everything Rebound stores about you',
    },
    {
      filename: 'rebound-applications.csv',
      mimeType: 'text/csv',
      bytes: encoder.encode(applications),
      title: 'Your applications',
    },
    {
      filename: 'rebound-follow-ups.csv',
      mimeType: 'text/csv',
      bytes: encoder.encode(followUps),
      title: 'Your follow-ups',
    },
  ];
}

type Cell = string | number | Date | null | undefined;

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with `'`. */
export function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
