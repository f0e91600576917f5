CREATE TABLE `risk_outreach` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`score` real NOT NULL,
	`task_id` text,
	`message_id` text,
	`started_by` text NOT NULL,
	`started_at` integer NOT NULL,
	`outcome` text,
	`outcome_at` integer,
	`returned_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_outreach_clinic_idx` ON `risk_outreach` (`clinic_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `risk_outreach_episode_idx` ON `risk_outreach` (`clinic_id`,`episode_id`);