import { Layout } from "../layout";

/** The clinic's public page (no sign-in): name, phone and opening hours, nothing about any patient. */
export function ClinicPublicPage(props: { name: string; phone: string | null; hours: { day: string; windows: string[] }[] }) {
  return (
    <Layout title={props.name}>
      <section class="narrow public-clinic">
        <h1>{props.name}</h1>
        {props.phone && (
          <p>
            Call us: <a href={`tel:${props.phone}`}>{props.phone}</a>
          </p>
        )}
        <h2>Opening hours</h2>
        <table class="hours-public">
          <tbody>
            {props.hours.map((h) => (
              <tr>
                <th scope="row">{h.day}</th>
                <td>{h.windows.length > 0 ? h.windows.join(", ") : "Closed"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
