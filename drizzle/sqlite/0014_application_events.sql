CREATE TABLE `application_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`application_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `application_events_application_idx` ON `application_events` (`application_id`,`at`);--> statement-breakpoint
CREATE INDEX `application_events_member_idx` ON `application_events` (`member_id`);--> statement-breakpoint
-- Backfill: the history of what was logged before events were kept. An application logged with
-- /applied was applied at its created_at; one a rejection report created starts with its rejection.
INSERT INTO application_events (platform, workspace_id, application_id, member_id, status, at, created_at)
SELECT platform, workspace_id, id, member_id, 'applied', created_at, created_at FROM applications
WHERE created_by_rejection = false;--> statement-breakpoint
INSERT INTO application_events (platform, workspace_id, application_id, member_id, status, at, created_at)
SELECT a.platform, a.workspace_id, a.id, a.member_id, 'rejected',
  COALESCE((SELECT MAX(r.rejected_on) FROM rejections r WHERE r.application_id = a.id), a.updated_at),
  COALESCE((SELECT MAX(r.rejected_on) FROM rejections r WHERE r.application_id = a.id), a.updated_at)
FROM applications a
WHERE a.status = 'rejected';
