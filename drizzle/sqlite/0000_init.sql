CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`company` text NOT NULL,
	`company_key` text NOT NULL,
	`role` text NOT NULL,
	`link` text,
	`status` text NOT NULL,
	`visibility` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `applications_member_company_idx` ON `applications` (`member_id`,`company_key`);--> statement-breakpoint
CREATE INDEX `applications_member_created_idx` ON `applications` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `check_in_threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`group_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_in_threads_day_uq` ON `check_in_threads` (`group_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `check_in_threads_thread_idx` ON `check_in_threads` (`platform`,`workspace_id`,`thread_id`);--> statement-breakpoint
CREATE TABLE `check_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`source` text NOT NULL,
	`applications` integer DEFAULT 0 NOT NULL,
	`networking` integer DEFAULT 0 NOT NULL,
	`follow_ups_done` integer DEFAULT 0 NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_member_day_uq` ON `check_ins` (`member_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`member_id` integer,
	`subject_id` integer,
	`status` text NOT NULL,
	`owner` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	`channel_id` text,
	`message_id` text,
	`error` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_key_uq` ON `deliveries` (`key`);--> statement-breakpoint
CREATE INDEX `deliveries_status_idx` ON `deliveries` (`status`,`claimed_at`);--> statement-breakpoint
CREATE INDEX `deliveries_message_idx` ON `deliveries` (`message_id`);--> statement-breakpoint
CREATE INDEX `deliveries_subject_idx` ON `deliveries` (`kind`,`subject_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedback_member_idx` ON `feedback` (`member_id`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`application_id` integer,
	`rule_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`occurrence` integer DEFAULT 1 NOT NULL,
	`nudged_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `follow_ups_open_due_idx` ON `follow_ups` (`due_at`) WHERE status in ('pending', 'snoozed') and nudged_at is null;--> statement-breakpoint
CREATE INDEX `follow_ups_member_idx` ON `follow_ups` (`member_id`,`status`);--> statement-breakpoint
CREATE INDEX `follow_ups_application_idx` ON `follow_ups` (`application_id`);--> statement-breakpoint
CREATE TABLE `goals` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`applications` integer NOT NULL,
	`networking` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`check_in_minute` integer NOT NULL,
	`check_in_days` text NOT NULL,
	`reminder_minute` integer NOT NULL,
	`rule_settings` text DEFAULT '{}' NOT NULL,
	`admin_user_ids` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_channel_uq` ON `groups` (`platform`,`workspace_id`,`channel_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`group_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`timezone` text,
	`quiet_start_minute` integer DEFAULT 1260 NOT NULL,
	`quiet_end_minute` integer DEFAULT 480 NOT NULL,
	`paused_until` integer,
	`visibility` text DEFAULT 'shared' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`dm_unreachable` integer DEFAULT false NOT NULL,
	`joined_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_group_user_uq` ON `members` (`group_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `members_user_idx` ON `members` (`platform`,`workspace_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`group_id` integer,
	`member_id` integer,
	`subject` text NOT NULL,
	`subject_id` integer,
	`channel_id` text NOT NULL,
	`message_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_message_uq` ON `posts` (`platform`,`workspace_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `posts_member_idx` ON `posts` (`member_id`);--> statement-breakpoint
CREATE TABLE `reactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`post_id` integer NOT NULL,
	`reactor_user_id` text NOT NULL,
	`emoji` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reactions_uq` ON `reactions` (`post_id`,`reactor_user_id`,`emoji`);--> statement-breakpoint
CREATE TABLE `rejections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`application_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`stage` text NOT NULL,
	`note` text,
	`rejected_on` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rejections_member_idx` ON `rejections` (`member_id`);--> statement-breakpoint
CREATE TABLE `updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`text` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `updates_member_idx` ON `updates` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `workspace_id`)
);
