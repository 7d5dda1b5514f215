CREATE TABLE `interviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`application_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`round` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interviews_round_uq` ON `interviews` (`application_id`,`round`);--> statement-breakpoint
CREATE INDEX `interviews_member_idx` ON `interviews` (`member_id`,`at`);--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `interview_id` integer REFERENCES interviews(id);--> statement-breakpoint
CREATE INDEX `follow_ups_interview_idx` ON `follow_ups` (`interview_id`);