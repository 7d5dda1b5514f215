CREATE TABLE `inbound_events` (
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`delivery_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `workspace_id`, `kind`, `delivery_id`)
);
--> statement-breakpoint
CREATE INDEX `inbound_events_received_idx` ON `inbound_events` (`received_at`);