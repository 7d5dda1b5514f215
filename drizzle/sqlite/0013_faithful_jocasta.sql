ALTER TABLE `deliveries` ADD `in_flight` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `retry_at` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `first_failed_at` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `dm_channel_id` text;--> statement-breakpoint
UPDATE `deliveries` SET `in_flight` = 1 WHERE `status` = 'claimed' AND `attempts` > 0;