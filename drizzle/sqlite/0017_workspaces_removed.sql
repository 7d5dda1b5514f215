ALTER TABLE `slack_installations` ADD `refresh_token` text;--> statement-breakpoint
ALTER TABLE `slack_installations` ADD `token_expires_at` integer;--> statement-breakpoint
ALTER TABLE `slack_installations` ADD `removed_at` integer;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `removed_at` integer;