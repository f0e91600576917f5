import { Layout, type LayoutProps } from "../layout";
import { FitList, type FitView } from "./fits";
import { longDate } from "./labels";

/** An open slot: book it directly, or offer it to the best-fitting waitlisted patients. */
export function SlotPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  therapistName: string;
  date: string;
  time: string;
  minutes: number;
  bookHref: string;
  scheduleHref: string;
  fits: FitView[];
}) {
  return (
    <Layout title="Open slot" staff={props.staff} active="schedule">
      <h1>
        {longDate(props.date)}, {props.time} with {props.therapistName}
      </h1>
      <p>
        {props.minutes} minutes.{" "}
        <a class="button" href={props.bookHref}>
          Book this slot
        </a>{" "}
        <a href={props.scheduleHref}>Back to the schedule</a>
      </p>
      <FitList fits={props.fits} />
    </Layout>
  );
}
