import { Layout, type LayoutProps } from "../layout";
import { EpisodeCard, type EpisodeCardProps } from "./episode-card.partial";

/** One episode on its own page: where a form on the card lands without JavaScript when it needs correcting. */
export function EpisodePage(
  props: Omit<EpisodeCardProps, "csrfToken"> & { staff: NonNullable<LayoutProps["staff"]>; patientName: string },
) {
  const { staff, patientName, ...card } = props;
  return (
    <Layout title={`Episode of care · ${patientName}`} staff={staff} active="patients">
      <p>
        <a href={`/patients/${card.episode.patientId}`}>← {patientName}</a>
      </p>
      <h1>Episode of care</h1>
      <EpisodeCard {...card} csrfToken={staff.csrfToken} />
    </Layout>
  );
}
