CREATE TABLE `pending_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`kind` text NOT NULL,
	`input` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pending_entries_member_idx` ON `pending_entries` (`member_id`);