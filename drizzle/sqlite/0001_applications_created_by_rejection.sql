ALTER TABLE `applications` ADD `created_by_rejection` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Rows stored before the column: a rejection report that created its application shares its creation instant.
UPDATE `applications` SET `created_by_rejection` = true WHERE `status` = 'rejected' AND EXISTS (SELECT 1 FROM `rejections` r WHERE r.`application_id` = `applications`.`id` AND r.`created_at` = `applications`.`created_at`);
