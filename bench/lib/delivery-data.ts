/**
 * The delivery benchmarks' data: one workspace, `groups` groups and `members` members spread over
 * them round-robin, each member with one application and one follow-up step (request feedback)
 * due a minute ago, and nothing else that could fall due: the groups' check-ins (and so their
 * reminders) and weekly network steps are switched off, the groups are new (no digest to look
 * back on), and no member has quiet hours or a pause. So a fresh process's first sweep owes
 * exactly one DM to every member. Written through the store's own repositories before the process
 * under test starts; not timed.
 */
import { openDatabase } from '../../src/db/sqlite/open.ts';
import { createSqliteStore } from '../../src/db/sqlite/store.ts';
import type { Weekday, WorkspaceRef } from '../../src/core/types.ts';

export interface DeliveryMember {
  readonly userId: string;
  /** The group's channel. */
  readonly channelId: string;
}

export interface DeliveryShape {
  readonly workspace: WorkspaceRef;
  readonly groups: number;
  readonly members: number;
  /** The platform's channel id of group `g` (0-based). */
  readonly channelId: (g: number) => string;
  /** The platform's user id of member `m` (0-based). */
  readonly userId: (m: number) => string;
}

const ALL_DAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Creates the database file, migrated, with the shape's groups, members and due steps; returns the members. */
export async function seedDueWork(file: string, shape: DeliveryShape): Promise<DeliveryMember[]> {
  const database = openDatabase(file);
  try {
    const store = createSqliteStore(database);
    const now = new Date();
    const due = new Date(now.getTime() - 60_000);
    return await store.transaction(async (tx) => {
      const groups = [];
      for (let g = 0; g < shape.groups; g++) {
        const group = await tx.groups.create(
          {
            workspace: shape.workspace,
            channelId: shape.channelId(g),
            name: `group-${g + 1}`,
            timezone: 'UTC',
            checkInMinute: 9 * 60,
            checkInDays: ALL_DAYS,
            reminderMinute: 16 * 60,
            adminUserIds: [shape.userId(g)],
          },
          now,
        );
        groups.push(
          await tx.groups.update(group.id, {
            ruleSettings: { 'check-in': { enabled: false }, network: { enabled: false } },
          }),
        );
      }
      const members: DeliveryMember[] = [];
      for (let m = 0; m < shape.members; m++) {
        const group = groups[m % groups.length]!;
        const member = await tx.members.create(
          {
            groupId: group.id,
            workspace: shape.workspace,
            userId: shape.userId(m),
            displayName: `member ${m + 1}`,
            timezone: null,
          },
          now,
        );
        await tx.members.update(member.id, { quietStartMinute: 0, quietEndMinute: 0, checkInReminders: false });
        const application = await tx.applications.create(
          {
            workspace: shape.workspace,
            memberId: member.id,
            company: `Company ${m % 997}`,
            role: 'Engineer',
            link: null,
            status: 'rejected',
            visibility: 'shared',
          },
          now,
        );
        await tx.followUps.createMany(
          [
            {
              workspace: shape.workspace,
              memberId: member.id,
              applicationId: application.id,
              ruleId: 'request-feedback',
              dueAt: due,
              occurrence: 1,
            },
          ],
          now,
        );
        members.push({ userId: member.userId, channelId: group.channelId });
      }
      return members;
    });
  } finally {
    database.close();
  }
}
