import { Layout, type LayoutProps } from "../layout";
import { HepSection, type HepSectionProps } from "./program-section.partial";

/** The program on its own page: where a builder form lands without JavaScript when it needs correcting. */
export function HepProgramPage(
  props: Omit<HepSectionProps, "csrfToken"> & { staff: NonNullable<LayoutProps["staff"]>; patientName: string },
) {
  const { staff, patientName, ...section } = props;
  return (
    <Layout title={`Home exercises · ${patientName}`} staff={staff} active="patients">
      <p>
        <a href={`/patients/${section.view.patientId}#home-exercises`}>← {patientName}</a>
      </p>
      <h1>Home exercise program</h1>
      <HepSection {...section} csrfToken={staff.csrfToken} />
    </Layout>
  );
}
