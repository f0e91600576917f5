CREATE TABLE `survey_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`channel` text NOT NULL,
	`answered_at` integer NOT NULL,
	`review_asked_at` integer,
	`review_opened_at` integer,
	`recovery_task_id` text,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_answers_episode_unique` ON `survey_answers` (`clinic_id`,`episode_id`);--> statement-breakpoint
CREATE INDEX `survey_answers_clinic_idx` ON `survey_answers` (`clinic_id`,`answered_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `risk_models_version_unique` ON `risk_models` (`clinic_id`,`version`);