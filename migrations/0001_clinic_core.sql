CREATE TABLE `authorizations` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`payer` text NOT NULL,
	`visits_authorized` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `authorizations_clinic_episode_idx` ON `authorizations` (`clinic_id`,`episode_id`);--> statement-breakpoint
CREATE INDEX `authorizations_clinic_end_idx` ON `authorizations` (`clinic_id`,`end_date`);--> statement-breakpoint
CREATE TABLE `episodes` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`body_region` text NOT NULL,
	`diagnosis` text NOT NULL,
	`icd10_code` text,
	`referral_source_id` text,
	`referring_physician` text,
	`start_date` text NOT NULL,
	`visits_prescribed` integer NOT NULL,
	`frequency_per_week` integer NOT NULL,
	`duration_weeks` integer NOT NULL,
	`goals` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`discharge_reason` text,
	`discharged_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referral_source_id`) REFERENCES `referral_sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `episodes_clinic_patient_idx` ON `episodes` (`clinic_id`,`patient_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `episodes_clinic_status_idx` ON `episodes` (`clinic_id`,`status`);--> statement-breakpoint
CREATE INDEX `episodes_clinic_referral_idx` ON `episodes` (`clinic_id`,`referral_source_id`);--> statement-breakpoint
CREATE TABLE `domain_events` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`occurred_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `domain_events_clinic_patient_idx` ON `domain_events` (`clinic_id`,`patient_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `domain_events_undelivered_idx` ON `domain_events` (`delivered_at`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `referral_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`npi` text,
	`practice` text,
	`phone` text,
	`fax` text,
	`email` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_sources_clinic_idx` ON `referral_sources` (`clinic_id`,`name`);--> statement-breakpoint
CREATE TABLE `appointment_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`from_starts_at` integer,
	`to_starts_at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_changes_appointment_idx` ON `appointment_changes` (`clinic_id`,`appointment_id`,`at`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`therapist_id` text NOT NULL,
	`episode_id` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`outside_availability` integer DEFAULT false NOT NULL,
	`cancel_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`therapist_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_clinic_therapist_start_idx` ON `appointments` (`clinic_id`,`therapist_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_clinic_patient_start_idx` ON `appointments` (`clinic_id`,`patient_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_clinic_start_idx` ON `appointments` (`clinic_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_clinic_episode_idx` ON `appointments` (`clinic_id`,`episode_id`,`status`);--> statement-breakpoint
CREATE TABLE `availability` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`therapist_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`therapist_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `availability_clinic_therapist_idx` ON `availability` (`clinic_id`,`therapist_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `waitlist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`therapist_id` text,
	`preferred_weekdays` text NOT NULL,
	`preferred_from` text NOT NULL,
	`preferred_to` text NOT NULL,
	`note` text,
	`status` text DEFAULT 'waiting' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`therapist_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waitlist_clinic_status_idx` ON `waitlist_entries` (`clinic_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`assignee_id` text,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`outcome_note` text,
	`rule_key` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_rule_key_unique` ON `tasks` (`clinic_id`,`rule_key`);--> statement-breakpoint
CREATE INDEX `tasks_clinic_status_due_idx` ON `tasks` (`clinic_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `tasks_clinic_assignee_idx` ON `tasks` (`clinic_id`,`assignee_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `tasks_clinic_patient_idx` ON `tasks` (`clinic_id`,`patient_id`,`status`);