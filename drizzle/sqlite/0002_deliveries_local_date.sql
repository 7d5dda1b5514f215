ALTER TABLE `deliveries` ADD `local_date` text;--> statement-breakpoint
-- Rows claimed before the column existed: their local date is the last part of the key, read once here.
UPDATE `deliveries` SET `local_date` = substr(`key`, -10) WHERE `kind` IN ('checkin', 'reminder', 'reminder-paused');
