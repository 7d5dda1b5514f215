DROP INDEX `check_in_threads_thread_idx`;--> statement-breakpoint
CREATE INDEX `check_in_threads_thread_idx` ON `check_in_threads` (`platform`,`workspace_id`,`channel_id`,`thread_id`);--> statement-breakpoint
DROP INDEX `deliveries_message_idx`;--> statement-breakpoint
CREATE INDEX `deliveries_message_idx` ON `deliveries` (`platform`,`workspace_id`,`channel_id`,`message_id`);--> statement-breakpoint
DROP INDEX `posts_message_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `posts_message_uq` ON `posts` (`platform`,`workspace_id`,`channel_id`,`message_id`);