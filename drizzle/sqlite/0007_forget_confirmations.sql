CREATE TABLE `forget_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text,
	`state` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer
);
--> statement-breakpoint
CREATE INDEX `forget_confirmations_user_idx` ON `forget_confirmations` (`platform`,`workspace_id`,`user_id`);