CREATE TABLE `slack_installations` (
	`team_id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text,
	`bot_token` text NOT NULL,
	`bot_id` text NOT NULL,
	`bot_user_id` text NOT NULL,
	`installed_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
