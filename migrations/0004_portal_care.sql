CREATE TABLE `hep_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`exercise_id` text NOT NULL,
	`date` text NOT NULL,
	`logged_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hep_logs_patient_date_idx` ON `hep_logs` (`clinic_id`,`patient_id`,`date`);--> statement-breakpoint
CREATE TABLE `hep_program_items` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`episode_id` text,
	`exercise_id` text NOT NULL,
	`sets` integer NOT NULL,
	`reps` integer NOT NULL,
	`hold_seconds` integer NOT NULL,
	`times_per_day` integer NOT NULL,
	`days_per_week` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`note` text,
	`created_at` integer NOT NULL,
	`created_by` text,
	`ended_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hep_program_items_patient_idx` ON `hep_program_items` (`clinic_id`,`patient_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `questionnaire_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`episode_id` text,
	`instrument_id` text NOT NULL,
	`kind` text NOT NULL,
	`score` real NOT NULL,
	`note` text,
	`resource` text NOT NULL,
	`source` text NOT NULL,
	`authored_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questionnaire_responses_patient_idx` ON `questionnaire_responses` (`clinic_id`,`patient_id`,`instrument_id`,`authored_at`);--> statement-breakpoint
CREATE TABLE `portal_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`method` text NOT NULL,
	`verified_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_devices_hash_unique` ON `portal_devices` (`token_hash`);--> statement-breakpoint
CREATE INDEX `portal_devices_patient_idx` ON `portal_devices` (`clinic_id`,`patient_id`);--> statement-breakpoint
CREATE TABLE `portal_step_up_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`link_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`link_id`) REFERENCES `patient_links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `portal_step_up_codes_link_idx` ON `portal_step_up_codes` (`link_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `patients` ADD `preferred_channel` text;--> statement-breakpoint
ALTER TABLE `patient_links` ADD `sessions_ended_at` integer;