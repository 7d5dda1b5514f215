CREATE TABLE `console_clocks` (
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`simulated_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `workspace_id`)
);
